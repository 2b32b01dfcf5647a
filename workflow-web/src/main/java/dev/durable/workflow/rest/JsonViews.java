package dev.durable.workflow.rest;

import dev.durable.workflow.api.EventInfo;
import dev.durable.workflow.api.HookInfo;
import dev.durable.workflow.api.Page;
import dev.durable.workflow.api.RunInfo;
import dev.durable.workflow.api.StepInfo;
import dev.durable.workflow.api.WorkflowInfo;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The JSON views of the API's records. Built with JSON-P rather than JSON-B so that every member is
 * present (with JSON {@code null} when there is no value) and the stored JSON texts (arguments,
 * results, event data) are embedded as JSON, not as quoted strings.
 */
public final class JsonViews {
    private static final Logger LOG = Logger.getLogger(JsonViews.class.getName());

    static final JsonBuilderFactory FACTORY = Json.createBuilderFactory(Map.of());
    static final JsonReaderFactory READERS = Json.createReaderFactory(Map.of());

    private JsonViews() {
    }

    /**
     * A run: {@code runId, workflowName, status, deploymentId, input, output, error {code, message},
     * createdAt, startedAt, completedAt, parentRunId, rerunOf}.
     */
    public static JsonObject run(RunInfo run) {
        JsonValue error = run.errorCode() == null && run.errorMessage() == null
                ? JsonValue.NULL
                : FACTORY.createObjectBuilder()
                        .add("code", run.errorCode() == null ? JsonValue.NULL : string(run.errorCode().name()))
                        .add("message", string(run.errorMessage()))
                        .build();
        return FACTORY.createObjectBuilder()
                .add("runId", string(run.runId()))
                .add("workflowName", string(run.workflowName()))
                .add("status", run.status() == null ? JsonValue.NULL : string(run.status().wireName()))
                .add("deploymentId", string(run.deploymentId()))
                .add("input", embedded(run.inputJson()))
                .add("output", embedded(run.outputJson()))
                .add("error", error)
                .add("createdAt", instant(run.createdAt()))
                .add("startedAt", instant(run.startedAt()))
                .add("completedAt", instant(run.completedAt()))
                .add("parentRunId", string(run.parentRunId()))
                .add("rerunOf", string(run.rerunOf()))
                .build();
    }

    /**
     * A step: {@code stepId, stepName, status, attempt, input, output, error {type, message},
     * createdAt, startedAt, completedAt, retryAfter}; {@code error} is the last failure, {@code retryAfter}
     * when the next attempt is due while the step waits to be retried.
     */
    public static JsonObject step(StepInfo step) {
        JsonValue error = step.errorType() == null && step.errorMessage() == null
                ? JsonValue.NULL
                : FACTORY.createObjectBuilder()
                        .add("type", string(step.errorType()))
                        .add("message", string(step.errorMessage()))
                        .build();
        return FACTORY.createObjectBuilder()
                .add("stepId", string(step.stepId()))
                .add("stepName", string(step.stepName()))
                .add("status", step.status() == null ? JsonValue.NULL : string(step.status().wireName()))
                .add("attempt", step.attempt())
                .add("input", embedded(step.inputJson()))
                .add("output", embedded(step.outputJson()))
                .add("error", error)
                .add("createdAt", instant(step.createdAt()))
                .add("startedAt", instant(step.startedAt()))
                .add("completedAt", instant(step.completedAt()))
                .add("retryAfter", instant(step.retryAfter()))
                .build();
    }

    /** An event: {@code eventId, eventType, correlationId, createdAt, eventData}. */
    public static JsonObject event(EventInfo event) {
        return event(event, true);
    }

    /**
     * An event; without {@code showTokens}, a hook's token is left out of its {@code hook_created} and
     * {@code hook_conflict} data (a token is what resumes the hook).
     */
    public static JsonObject event(EventInfo event, boolean showTokens) {
        JsonValue data = embedded(event.eventDataJson());
        if (!showTokens && data instanceof JsonObject object && object.containsKey("token")) {
            data = FACTORY.createObjectBuilder(object).remove("token").build();
        }
        return FACTORY.createObjectBuilder()
                .add("eventId", string(event.eventId()))
                .add("eventType", event.eventType() == null ? JsonValue.NULL : string(event.eventType().wireName()))
                .add("correlationId", string(event.correlationId()))
                .add("createdAt", instant(event.createdAt()))
                .add("eventData", data)
                .build();
    }

    /** A registered workflow: {@code name, className, parameterTypes, returnType}. */
    public static JsonObject workflow(WorkflowInfo workflow) {
        JsonArrayBuilder types = FACTORY.createArrayBuilder();
        if (workflow.parameterTypes() != null) {
            workflow.parameterTypes().forEach(t -> types.add(string(t)));
        }
        return FACTORY.createObjectBuilder()
                .add("name", string(workflow.name()))
                .add("className", string(workflow.className()))
                .add("parameterTypes", types)
                .add("returnType", string(workflow.returnType()))
                .build();
    }

    /** A page: {@code data} (the items as {@code view} shows them), {@code cursor}, {@code hasMore}. */
    public static <T> JsonObject page(Page<T> page, Function<? super T, JsonObject> view) {
        return FACTORY.createObjectBuilder()
                .add("data", array(page.data(), view))
                .add("cursor", string(page.cursor()))
                .add("hasMore", page.hasMore())
                .build();
    }

    /** The registered workflows: {@code {"data": [...]}}. */
    public static JsonObject workflows(List<WorkflowInfo> workflows) {
        return FACTORY.createObjectBuilder().add("data", array(workflows, JsonViews::workflow)).build();
    }

    /** A JSON string, or JSON {@code null}. */
    /** A hook or webhook: id, token, run, kind, status, metadata, payloads received, times. */
    public static JsonObject hook(HookInfo hook) {
        return hook(hook, true);
    }

    /** A hook; without {@code showToken}, its token and its URL (which holds the token) are {@code null}. */
    public static JsonObject hook(HookInfo hook, boolean showToken) {
        return FACTORY.createObjectBuilder()
                .add("hookId", hook.hookId())
                .add("token", showToken ? string(hook.token()) : JsonValue.NULL)
                .add("runId", hook.runId())
                .add("kind", hook.kind())
                .add("url", showToken ? string(hook.url()) : JsonValue.NULL)
                .add("status", hook.status().wireName())
                .add("metadata", embedded(hook.metadataJson()))
                .add("received", hook.received())
                .add("createdAt", instant(hook.createdAt()))
                .add("disposedAt", instant(hook.disposedAt()))
                .build();
    }

    /** A bulk job's execution: {@code {executionId, instanceId, jobName, status, exitStatus, createdAt, startedAt, endedAt, parameters, read, written}}. */
    public static JsonObject job(dev.durable.workflow.api.JobInfo job) {
        jakarta.json.JsonObjectBuilder parameters = FACTORY.createObjectBuilder();
        job.parameters().forEach(parameters::add);
        return FACTORY.createObjectBuilder()
                .add("executionId", job.executionId())
                .add("instanceId", job.instanceId())
                .add("jobName", job.jobName())
                .add("status", job.status())
                .add("exitStatus", string(job.exitStatus()))
                .add("createdAt", instant(job.createdAt()))
                .add("startedAt", instant(job.startedAt()))
                .add("endedAt", instant(job.endedAt()))
                .add("parameters", parameters)
                .add("read", job.read())
                .add("written", job.written())
                .build();
    }

    /** Jobs' executions: {@code {"data": [job…]}}. */
    public static JsonObject jobs(List<dev.durable.workflow.api.JobInfo> jobs) {
        return FACTORY.createObjectBuilder().add("data", array(jobs, JsonViews::job)).build();
    }

    static JsonValue string(String value) {
        return value == null ? JsonValue.NULL : Json.createValue(value);
    }

    /** An ISO-8601 instant ({@link Instant#toString()}), or JSON {@code null}. */
    static JsonValue instant(Instant value) {
        return value == null ? JsonValue.NULL : Json.createValue(value.toString());
    }

    /**
     * Stored JSON text as a JSON value, or JSON {@code null}. Text that does not parse (it should not
     * happen: the engine writes it) is shown as a string, so one bad record cannot break a listing.
     */
    static JsonValue embedded(String json) {
        if (json == null) {
            return JsonValue.NULL;
        }
        try (JsonReader reader = READERS.createReader(new StringReader(json))) {
            return reader.readValue();
        } catch (JsonException e) {
            LOG.log(Level.FINE, "Stored JSON does not parse; shown as a string", e);
            return Json.createValue(json);
        }
    }

    private static <T> JsonArrayBuilder array(List<T> items, Function<? super T, JsonObject> view) {
        JsonArrayBuilder array = FACTORY.createArrayBuilder();
        if (items != null) {
            for (T item : items) {
                array.add(view.apply(item));
            }
        }
        return array;
    }
}
