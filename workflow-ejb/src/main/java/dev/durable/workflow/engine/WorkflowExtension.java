package dev.durable.workflow.engine;

import dev.durable.workflow.api.Workflow;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeforeShutdown;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.ProcessAnnotatedType;
import jakarta.enterprise.inject.spi.ProcessBean;
import jakarta.enterprise.inject.spi.WithAnnotations;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * Finds the {@link Workflow} beans of every module of the application while CDI starts, so workflows
 * can live in the application's own modules. A class that is not a valid workflow, two workflows with
 * one name, or two step methods of different classes with one step name fail the deployment with a
 * clear message, as does a second application with the engine on one server ({@link EngineClaim}).
 */
public class WorkflowExtension implements Extension {
    private static final Logger LOG = Logger.getLogger(WorkflowExtension.class.getName());

    private final Map<String, Registered> workflows = new TreeMap<>();
    private final Map<String, StepTarget> steps = new java.util.HashMap<>();

    /** A step method and the CDI bean that has it, for executing parallel steps. */
    public record StepTarget(Bean<?> bean, java.lang.reflect.Method method) {
    }
    private final StringBuilder problems = new StringBuilder();
    private final java.util.Set<Class<?>> annotated = new java.util.LinkedHashSet<>();
    private final EngineClaim claim = new EngineClaim();

    /** A workflow and the CDI bean that makes its instances. */
    public record Registered(WorkflowDefinition definition, Bean<?> bean) {
    }

    void onType(@Observes @WithAnnotations(Workflow.class) ProcessAnnotatedType<?> event) {
        Class<?> type = event.getAnnotatedType().getJavaClass();
        if (type.isAnnotationPresent(Workflow.class)) {
            annotated.add(type);
        }
    }

    void onBean(@Observes ProcessBean<?> event) {
        Class<?> type = event.getBean().getBeanClass();
        boolean classIsStep = type.isAnnotationPresent(dev.durable.workflow.api.Step.class);
        for (java.lang.reflect.Method m : type.getDeclaredMethods()) {
            boolean isStep = m.isAnnotationPresent(dev.durable.workflow.api.Step.class)
                    || (classIsStep && java.lang.reflect.Modifier.isPublic(m.getModifiers()) && !m.isSynthetic());
            if (isStep && !java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
                m.setAccessible(true);
                String name = StepInterceptor.stepName(m);
                StepTarget previous = steps.putIfAbsent(name, new StepTarget(event.getBean(), m));
                if (previous != null && previous.method().getDeclaringClass() != m.getDeclaringClass()) {
                    // a parallel step is executed by name: one name must mean one method
                    problems.append("Two steps are named '").append(name).append("': ")
                            .append(previous.method().getDeclaringClass().getName()).append('.').append(m.getName())
                            .append(" and ").append(type.getName()).append('.').append(m.getName())
                            .append("; give one a name of its own with @Step(\"...\"). ");
                }
            }
        }
        if (!type.isAnnotationPresent(Workflow.class) || !event.getBean().getTypes().contains(type)) {
            return;
        }
        try {
            WorkflowDefinition definition = WorkflowDefinition.of(type);
            Registered previous = workflows.putIfAbsent(definition.name(), new Registered(definition, event.getBean()));
            if (previous != null && previous.definition().workflowClass() != type) {
                problems.append("Two workflows are named '").append(definition.name()).append("': ")
                        .append(previous.definition().workflowClass().getName()).append(" and ").append(type.getName()).append(". ");
            }
        } catch (IllegalArgumentException e) {
            problems.append(e.getMessage()).append(". ");
        }
    }

    void validate(@Observes AfterDeploymentValidation event) {
        for (Class<?> type : annotated) {
            if (workflows.values().stream().noneMatch(r -> r.definition().workflowClass() == type)) {
                // without this, a workflow CDI could not make a bean of would be missing without a word
                problems.append(WorkflowDefinition.notABean(type)).append(". ");
            }
        }
        if (!problems.isEmpty()) {
            event.addDeploymentProblem(new IllegalStateException(problems.toString().trim()));
            return;
        }
        claim.claim(List.copyOf(workflows.keySet())).ifPresent(other -> event.addDeploymentProblem(new IllegalStateException(
                "The application '" + other + "' already runs the durable workflow engine on this server, so '"
                        + claim.application() + "' cannot run one too: the run queue, its activation specification "
                        + "workflow/RunListener and the tables belong to the server, and two engines would take each "
                        + "other's runs. Deploy one application with the engine per server: put these workflows in '"
                        + other + "', or start its runs from outside through its REST API (POST /runs).")));
        LOG.info(() -> "Durable workflows registered: " + workflows.keySet());
    }

    void stop(@Observes BeforeShutdown event) {
        claim.release();
    }

    /** The step methods by step name. */
    public Map<String, StepTarget> steps() {
        return Collections.unmodifiableMap(steps);
    }

    /** The registered workflows by name. */
    public Map<String, Registered> workflows() {
        return Collections.unmodifiableMap(workflows);
    }
}
