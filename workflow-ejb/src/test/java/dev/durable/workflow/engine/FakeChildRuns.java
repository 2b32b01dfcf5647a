package dev.durable.workflow.engine;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Child runs for tests: every start returns {@link #CHILD_RUN_ID} and is recorded; {@link #ending} is
 * what {@code ending()} answers ({@code null}: the child has not ended). Knows one workflow, "addTen",
 * returning an int.
 */
final class FakeChildRuns implements ChildRuns {
    static final String CHILD_RUN_ID = "wrun_child";

    /** One call of {@link #start}. */
    record StartCall(String parentRunId, String workflowName, List<?> args, String idempotencyKey) {
    }

    final List<StartCall> starts = new ArrayList<>();
    final List<String> endingsAsked = new ArrayList<>();
    Ending ending;

    @Override
    public String start(String parentRunId, String workflowName, List<?> args, String idempotencyKey) {
        starts.add(new StartCall(parentRunId, workflowName, List.copyOf(args), idempotencyKey));
        return CHILD_RUN_ID;
    }

    @Override
    public Ending ending(String runId) {
        endingsAsked.add(runId);
        return ending;
    }

    @Override
    public String nameOf(Class<?> workflowClass) {
        return "addTen";
    }

    @Override
    public Type returnType(String workflowName) {
        return int.class;
    }
}
