package dev.durable.workflow.engine;

import java.lang.reflect.Type;
import java.time.Clock;
import java.util.List;

/**
 * Executes one delivery with the clock, child runs and event ceiling a test chooses (what
 * {@link TestRuns#execute} fixes), and returns the whole {@link Replayer.Result}, wake-up time included.
 */
final class Deliveries {
    private Deliveries() {
    }

    static Replayer.Result execute(LoadedRun run, Journal journal, Object workflow, Clock clock) {
        return execute(run, journal, workflow, clock, NO_CHILDREN, TestRuns.MAX_EVENTS);
    }

    static Replayer.Result execute(LoadedRun run, Journal journal, Object workflow, Clock clock, ChildRuns children) {
        return execute(run, journal, workflow, clock, children, TestRuns.MAX_EVENTS);
    }

    static Replayer.Result execute(LoadedRun run, Journal journal, Object workflow, Clock clock, int maxEvents) {
        return execute(run, journal, workflow, clock, NO_CHILDREN, maxEvents);
    }

    static Replayer.Result execute(LoadedRun run, Journal journal, Object workflow, Clock clock, ChildRuns children,
                                   int maxEvents) {
        return execute(run, journal, workflow, clock, children, maxEvents, TestRuns.AMPLE_BUDGET);
    }

    static Replayer.Result execute(LoadedRun run, Journal journal, Object workflow, Clock clock, ChildRuns children,
                                   int maxEvents, java.time.Duration budget) {
        Environment env = new Environment(journal, children, NO_DISPATCH, NO_STEP_SERVICES, clock, budget, maxEvents,
                "http://localhost/api");
        return new Replayer(env).execute(run, WorkflowDefinition.of(workflow.getClass()), workflow);
    }

    /** What steps here wrote to streams, by "runId/name". */
    static final java.util.Map<String, List<String>> STREAMS = new java.util.concurrent.ConcurrentHashMap<>();

    /** Steps here are never cancelled, answer no webhooks, and write streams to {@link #STREAMS}. */
    static final StepServices NO_STEP_SERVICES = new StepServices() {
        @Override
        public void openStream(String runId, String name) {
            STREAMS.computeIfAbsent(runId + "/" + name, k -> new java.util.concurrent.CopyOnWriteArrayList<>());
        }

        @Override
        public int appendChunk(String runId, String name, String json) {
            List<String> chunks = STREAMS.get(runId + "/" + name);
            synchronized (chunks) {
                chunks.add(json);
                return chunks.size() - 1;
            }
        }

        @Override
        public void closeStream(String runId, String name) {
        }

        @Override
        public boolean cancelRequested(String runId) {
            return false;
        }

        @Override
        public boolean respondToWebhook(String requestId, dev.durable.workflow.api.WebhookResponse response) {
            throw new UnsupportedOperationException("no webhooks here");
        }
    };

    /** These tests start no parallel steps. */
    private static final StepDispatcher NO_DISPATCH = (runId, stepIds) -> {
        throw new UnsupportedOperationException("no parallel steps here");
    };

    /** These tests start no child runs unless they say so. */
    static final ChildRuns NO_CHILDREN = new ChildRuns() {
        @Override
        public String start(String parentRunId, String workflowName, List<?> args, String idempotencyKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Ending ending(String runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String nameOf(Class<?> workflowClass) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Type returnType(String workflowName) {
            throw new UnsupportedOperationException();
        }
    };
}
