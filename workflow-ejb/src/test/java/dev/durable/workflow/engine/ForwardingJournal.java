package dev.durable.workflow.engine;

import dev.durable.workflow.api.ErrorCode;
import java.time.Instant;
import java.util.List;

/** Delegates everything to another journal; tests override what they interfere with. */
class ForwardingJournal implements Journal {
    final Journal delegate;

    ForwardingJournal(Journal delegate) {
        this.delegate = delegate;
    }

    @Override
    public int append(LoadedRun run, int known, List<Event> events) {
        return delegate.append(run, known, events);
    }

    @Override
    public int appendIfUnchanged(LoadedRun run, int known, List<Event> events) {
        return delegate.appendIfUnchanged(run, known, events);
    }

    @Override
    public HookCreation createHook(LoadedRun run, int known, NewHook hook) {
        return delegate.createHook(run, known, hook);
    }

    @Override
    public int disposeHooks(LoadedRun run, int known, List<String> hookIds, Instant at) {
        return delegate.disposeHooks(run, known, hookIds, at);
    }

    @Override
    public Suspended suspend(LoadedRun run, int known, List<Event> events, Instant wakeAt, int awaiting) {
        return delegate.suspend(run, known, events, wakeAt, awaiting);
    }

    @Override
    public List<Event> eventsFrom(String runId, int fromSeq) {
        return delegate.eventsFrom(runId, fromSeq);
    }

    @Override
    public boolean completeRun(LoadedRun run, int known, List<String> activeHooks, String outputJson) {
        return delegate.completeRun(run, known, activeHooks, outputJson);
    }

    @Override
    public boolean failRun(LoadedRun run, int known, List<String> activeHooks, ErrorCode code, String message) {
        return delegate.failRun(run, known, activeHooks, code, message);
    }
}
