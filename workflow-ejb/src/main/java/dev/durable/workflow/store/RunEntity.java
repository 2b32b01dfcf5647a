package dev.durable.workflow.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A run: the current state that its event log implies, plus the lease that fences its deliveries.
 * {@code eventCount} is the length of the log and the next event's sequence number.
 */
@Entity
@Table(name = Schema.RUN, indexes = {
        @Index(name = "WF_RUN_WORKFLOW", columnList = "WORKFLOW_NAME, RUN_ID"),
        @Index(name = "WF_RUN_STATUS", columnList = "STATUS, UPDATED_AT"),
        // the runs table filtered by status, newest first; a run's re-runs
        @Index(name = "WF_RUN_STATUS_ID", columnList = "STATUS, RUN_ID"),
        @Index(name = "WF_RUN_RERUN", columnList = "RERUN_OF")})
public class RunEntity {
    @Id
    @Column(name = Schema.RUN_ID, length = 40)
    String runId;

    @Column(name = Schema.WORKFLOW_NAME, nullable = false, length = 200)
    String workflowName;

    @Column(name = Schema.STATUS, nullable = false, length = 16)
    String status;

    @Column(name = Schema.DEPLOYMENT_ID, length = 200)
    String deploymentId;

    @Column(name = Schema.IDEMPOTENCY_KEY, length = 200, unique = true)
    String idempotencyKey;

    @Lob
    @Column(name = Schema.INPUT_JSON)
    String inputJson;

    @Lob
    @Column(name = Schema.OUTPUT_JSON)
    String outputJson;

    @Column(name = Schema.ERROR_CODE, length = 40)
    String errorCode;

    @Lob
    @Column(name = Schema.ERROR_MESSAGE)
    String errorMessage;

    @Column(name = Schema.CREATED_AT, nullable = false)
    Instant createdAt;

    @Column(name = Schema.STARTED_AT)
    Instant startedAt;

    @Column(name = Schema.COMPLETED_AT)
    Instant completedAt;

    @Column(name = Schema.UPDATED_AT, nullable = false)
    Instant updatedAt;

    @Column(name = Schema.EVENT_COUNT, nullable = false)
    int eventCount;

    @Column(name = Schema.LEASE_OWNER, length = 300)
    String leaseOwner;

    @Column(name = Schema.LEASE_TOKEN, length = 40)
    String leaseToken;

    @Column(name = Schema.LEASE_UNTIL)
    Instant leaseUntil;

    /** When a suspended run wants to resume; {@code null} if it is not sleeping or waiting for a retry. */
    @Column(name = Schema.WAKE_AT)
    Instant wakeAt;

    /** While the run waits for parallel steps: how many more must end before it is resumed. */
    @Column(name = Schema.AWAITING)
    Integer awaiting;

    /** The run that started this one as a child, to be resumed when this one ends. */
    @Column(name = Schema.PARENT_RUN_ID, length = 40)
    String parentRunId;

    /** The run this one repeats with the same workflow, input and deployment ({@code Run.rerun()}). */
    @Column(name = Schema.RERUN_OF, length = 40)
    String rerunOf;

    /** The W3C {@code traceparent} of the span that started the run (55 characters), or {@code null}. */
    @Column(name = Schema.TRACE_PARENT, length = 64)
    String traceParent;

    // State changes go through these methods: EclipseLink's woven change tracking only sees field
    // writes made inside the entity class.

    /** Marks the run cancelled; returns the sequence number for its {@code run_cancelled} event. */
    int markCancelled(Instant now) {
        status = dev.durable.workflow.api.RunStatus.CANCELLED.wireName();
        return ended(now);
    }

    /**
     * Appends events from outside (a hook's payload, a wake-up); returns the sequence number of the
     * first. The run is due from now: if its resuming message is lost, recovery finds it.
     */
    int appendExternal(int count, Instant now) {
        int first = eventCount;
        eventCount += count;
        updatedAt = now;
        wakeAt = now;
        return first;
    }

    /** Fails the run whatever delivery holds it; returns the sequence number of its {@code run_failed} event. */
    int markFailed(Instant now, String code, String message) {
        return end(dev.durable.workflow.api.RunStatus.FAILED.wireName(), null, code, message, now);
    }

    /** Ends the run with its result or error; returns the sequence number of its final event. */
    int end(String finalStatus, String output, String code, String message, Instant now) {
        status = finalStatus;
        outputJson = output;
        errorCode = code;
        errorMessage = message;
        return ended(now);
    }

    /** Ends the run: no lease, no wake-up; returns the sequence number of its final event. */
    private int ended(Instant now) {
        completedAt = now;
        updatedAt = now;
        leaseOwner = null;
        leaseToken = null;
        leaseUntil = null;
        wakeAt = null;
        return eventCount++;
    }

    /** Appends events written by a parallel step's delivery; returns the sequence number of the first. */
    int appendStepEvents(int count) {
        int first = eventCount;
        eventCount += count;
        return first;
    }

    /** Records that the sweeper looked at the run. */
    void touch(Instant now) {
        updatedAt = now;
    }
}
