package dev.durable.workflow.engine;

import dev.durable.workflow.api.ChildRun;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.StepFailedException;
import dev.durable.workflow.codec.JsonCodec;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A child run: starting it is a step ({@code start(name)}, or {@code startDetached(name)} for a child
 * that cancelling the parent leaves alone) whose result is the child's id, so replay never starts it
 * twice; awaiting it is a step ({@code await(name)}) recorded when the child has ended, the parent
 * suspended until then.
 */
final class ChildRunCall<T> implements ChildRun<T> {
    /** The step name prefixes of child starts, which cancellation follows to the children. */
    static final String START = "start(";
    static final String START_DETACHED = "startDetached(";
    private static final Retries NO_RETRIES = new Retries(0, Duration.ZERO, 1.0, Duration.ZERO);

    private final RunContext ctx;
    private final String childRunId;
    private final String workflowName;

    private ChildRunCall(RunContext ctx, String childRunId, String workflowName) {
        this.ctx = ctx;
        this.childRunId = childRunId;
        this.workflowName = workflowName;
    }

    static <T> ChildRun<T> start(RunContext ctx, String workflowName, List<?> args, boolean detached) {
        ChildRuns children = ctx.env().children();
        String parent = ctx.runId();
        String childId = (String) ctx.step((detached ? START_DETACHED : START) + workflowName + ")", String.class,
                NO_RETRIES, args.toArray(), () -> children.start(parent, workflowName, args,
                        parent + "/" + StepScope.current().metadata().stepId()));
        return new ChildRunCall<>(ctx, childId, workflowName);
    }

    @Override
    public String runId() {
        return childRunId;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T result() {
        String name = "await(" + workflowName + ")";
        Type returnType = ctx.env().children().returnType(workflowName);
        History.StepOp saved = ctx.replay(History.StepOp.class, "step '" + name + "'",
                op -> op.name().equals(name) && op.finished());
        if (saved != null) {
            return (T) ctx.outcome(saved, returnType);
        }
        ChildRuns.Ending ending = ctx.engine(() -> ctx.env().children().ending(childRunId));
        if (ending == null) {
            throw ctx.suspension(null, List.of());
        }
        String id = Ids.step();
        Instant at = ctx.realNow();
        List<Event> events = new ArrayList<>(3);
        events.add(EventData.stepCreated(id, at, name, JsonCodec.toJsonArray(new Object[] {childRunId})));
        events.add(EventData.stepStarted(id, at, 1));
        if (ending.status() == RunStatus.COMPLETED) {
            events.add(EventData.stepCompleted(id, at, ending.outputJson()));
            ctx.write(events);
            ctx.advanceClock(at);
            return (T) JsonCodec.fromJson(ending.outputJson(), returnType);
        }
        String type = ending.status() == RunStatus.CANCELLED ? "dev.durable.workflow.api.RunCancelledException"
                : "dev.durable.workflow.api.RunFailedException";
        String message = ending.status() == RunStatus.CANCELLED ? "Child run " + childRunId + " was cancelled"
                : ending.errorCode() + ": " + ending.errorMessage();
        events.add(EventData.stepFailed(id, at, 1, type, message, true));
        ctx.write(events);
        ctx.advanceClock(at);
        throw new StepFailedException(name, type, message);
    }
}
