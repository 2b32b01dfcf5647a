package dev.durable.workflow.engine;

import java.time.Instant;
import java.util.List;

/** A durable sleep: {@code wait_created}, then the run is suspended, holding nothing, until {@code wait_completed}. */
final class SleepCall {
    private SleepCall() {
    }

    static void until(RunContext ctx, Instant resumeAt) {
        History.WaitOp logged = ctx.replay(History.WaitOp.class, "a sleep", op -> true);
        Instant realNow = ctx.realNow();
        if (logged == null) {
            Durations.checkWakeUp(resumeAt, "A sleep");
            String id = Ids.next("wait_");
            if (!resumeAt.isAfter(realNow)) {
                ctx.write(List.of(EventData.waitCreated(id, realNow, resumeAt), EventData.waitCompleted(id, realNow, false)));
                ctx.advanceClock(realNow);
                return;
            }
            throw ctx.suspension(resumeAt, List.of(EventData.waitCreated(id, realNow, resumeAt)));
        }
        if (logged.completedAt() != null) {
            ctx.advanceClock(logged.completedAt());
            return;
        }
        if (realNow.isBefore(logged.resumeAt())) {
            throw ctx.suspension(logged.resumeAt(), List.of());
        }
        ctx.write(List.of(EventData.waitCompleted(logged.id(), realNow, false)));
        EngineObserver.current().sleepEnded(ctx.runId(), logged.id(), logged.createdAt(), logged.resumeAt());
        ctx.advanceClock(realNow);
    }
}
