package dev.durable.workflow.api;

import jakarta.ejb.Local;
import java.util.List;

/**
 * Starts workflow runs and returns handles to them. Implemented by a stateless session bean: inject
 * it with {@code @EJB WorkflowService workflows;} or {@code @Inject WorkflowService workflows;}.
 *
 * <p>{@code start} persists the run and enqueues it, then returns at once without waiting for the run
 * to execute. It joins the caller's JTA transaction: if the caller rolls back, the run does not exist
 * and nothing is enqueued; the run's message is sent once that transaction commits (a run whose message
 * could not be sent is still accepted, and enqueued again by recovery). Arguments are serialized as JSON (JSON-B) and checked against the workflow
 * method's parameter types; an argument that cannot be serialized or does not fit is rejected with an
 * {@link InvalidArgumentsException} that names it.
 */
@Local
public interface WorkflowService {

    /** Starts the workflow class with no arguments. */
    <T> Run<T> start(Class<?> workflow);

    /** Starts the workflow class with the given arguments. */
    <T> Run<T> start(Class<?> workflow, List<?> args);

    /** Starts the workflow class with the given arguments and options. */
    <T> Run<T> start(Class<?> workflow, List<?> args, StartOptions options);

    /** Starts the workflow registered under {@code workflowName} with no arguments. */
    <T> Run<T> start(String workflowName);

    /** Starts the workflow registered under {@code workflowName} with the given arguments. */
    <T> Run<T> start(String workflowName, List<?> args);

    /**
     * Starts the workflow registered under {@code workflowName}.
     *
     * @throws UnknownWorkflowException if no workflow has that name
     * @throws InvalidArgumentsException if the arguments do not fit the workflow method
     */
    <T> Run<T> start(String workflowName, List<?> args, StartOptions options);

    /**
     * Starts one run of the workflow per element of {@code argsList}, in one transaction (the caller's,
     * or a new one) and one commit, then enqueues them together: for bulk work. All or none: if any
     * arguments do not fit, no run is started. At most {@link #MAX_START_ALL} runs per call.
     *
     * @param options applied to every run; it may not carry an idempotency key (each run would need
     *                its own: start such runs one by one)
     * @return the runs, in the order of {@code argsList}
     * @throws UnknownWorkflowException if no workflow has that name
     * @throws InvalidArgumentsException if one run's arguments do not fit (its message names the run's
     *         index), there are too many runs, or the options carry an idempotency key
     */
    <T> List<Run<T>> startAll(String workflowName, List<? extends List<?>> argsList, StartOptions options);

    /** {@link #startAll(String, List, StartOptions)} for the workflow class. */
    <T> List<Run<T>> startAll(Class<?> workflow, List<? extends List<?>> argsList, StartOptions options);

    /** The most runs one {@link #startAll} call starts. */
    int MAX_START_ALL = 1000;

    /** Returns a handle to a run without reading it; {@link Run#exists()} tells whether it exists. */
    <T> Run<T> getRun(String runId);

    /**
     * Resumes the hook holding {@code token} with a payload: appends {@code hook_received} to its run's log
     * and wakes the run, in one transaction that joins the caller's (like {@code start}). The payload is
     * serialized as JSON (a {@link jakarta.json.JsonValue} is taken as it is), then checked against the
     * hook's type: it must decode as that type and satisfy its Bean Validation constraints.
     *
     * @return the hook (its {@code received} count is not filled in: -1)
     * @throws UnknownHookException if no active hook holds the token
     * @throws InvalidHookPayloadException if the payload does not fit the hook's type; nothing is appended
     */
    HookInfo resumeHook(String token, Object payload);

    /**
     * The active hook holding {@code token}, with its metadata.
     *
     * @throws UnknownHookException if no active hook holds the token (never created, disposed, or its run ended)
     */
    HookInfo getHook(String token);

    /**
     * Resumes the webhook holding {@code token} with an HTTP request (the REST layer's
     * {@code /webhooks/{token}} calls this): appends it to the run's log as {@code hook_received} and
     * wakes the run, in one transaction. The request's id is assigned here.
     *
     * @return the request's id, and the answer to send now (unless the webhook is manual)
     * @throws UnknownHookException if no active webhook holds the token
     */
    WebhookReceipt receiveWebhook(String token, WebhookRequest request);

    /**
     * The answer a step gave to a manual webhook's request ({@link WebhookRequest#respondWith}), taken
     * once: empty until it is given, and after it has been taken.
     */
    java.util.Optional<WebhookResponse> takeWebhookResponse(String requestId);

    /**
     * Whether the engine takes runs now; while it does not, {@code start} throws
     * {@link EngineUnavailableException} with the same detail. Readiness ({@code /health/ready}) reports it.
     */
    EngineStatus status();

    /**
     * The engine's health now: {@link #status()}, and a probe of its database and messaging engine (each
     * given a few seconds), its recovery since the start and its housekeeping. Behind
     * {@code /health/ready} and {@code /health/live}.
     */
    EngineHealth health();
}
