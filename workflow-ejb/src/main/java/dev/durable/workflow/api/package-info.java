/**
 * Everything an application touches to define, start and observe durable workflows.
 *
 * <ul>
 *   <li>{@link dev.durable.workflow.api.Workflow @Workflow} marks a CDI bean whose one workflow method
 *       orchestrates a run; it is replayed from the run's event log, so it must be deterministic.</li>
 *   <li>{@link dev.durable.workflow.api.Step @Step} marks methods of CDI beans whose calls, made inside
 *       a workflow, are executed once and saved; outside a workflow they are ordinary calls.</li>
 *   <li>{@link dev.durable.workflow.api.WorkflowService} (inject it with {@code @EJB} or {@code @Inject})
 *       starts runs and returns {@link dev.durable.workflow.api.Run} handles;
 *       {@link dev.durable.workflow.api.WorkflowInspector} lists runs, steps and events.</li>
 *   <li>{@link dev.durable.workflow.api.Workflows} gives a workflow deterministic time, randomness and
 *       its own metadata.</li>
 * </ul>
 */
package dev.durable.workflow.api;
