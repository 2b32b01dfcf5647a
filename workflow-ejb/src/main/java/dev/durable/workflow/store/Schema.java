package dev.durable.workflow.store;

/**
 * The engine's schema, defined once: the tables, columns and status literals that the JPA entities
 * ({@link RunEntity}, {@link EventEntity}, {@link HookEntity}) map and the JDBC hot path
 * ({@link DeliveryJournal}) writes. EclipseLink creates the tables from the entities.
 */
final class Schema {
    private Schema() {
    }

    /** Runs: one row each, the state its log implies plus the lease that fences its deliveries. */
    static final String RUN = "WF_RUN";
    static final String RUN_ID = "RUN_ID";
    static final String WORKFLOW_NAME = "WORKFLOW_NAME";
    static final String STATUS = "STATUS";
    static final String INPUT_JSON = "INPUT_JSON";
    static final String OUTPUT_JSON = "OUTPUT_JSON";
    static final String ERROR_CODE = "ERROR_CODE";
    static final String ERROR_MESSAGE = "ERROR_MESSAGE";
    static final String STARTED_AT = "STARTED_AT";
    static final String COMPLETED_AT = "COMPLETED_AT";
    static final String UPDATED_AT = "UPDATED_AT";
    static final String EVENT_COUNT = "EVENT_COUNT";
    static final String PARENT_RUN_ID = "PARENT_RUN_ID";
    static final String RERUN_OF = "RERUN_OF";
    static final String LEASE_OWNER = "LEASE_OWNER";
    static final String LEASE_TOKEN = "LEASE_TOKEN";
    static final String LEASE_UNTIL = "LEASE_UNTIL";
    static final String WAKE_AT = "WAKE_AT";
    static final String DEPLOYMENT_ID = "DEPLOYMENT_ID";
    static final String IDEMPOTENCY_KEY = "IDEMPOTENCY_KEY";
    static final String AWAITING = "AWAITING";
    /** The W3C {@code traceparent} of the span that started the run: its deliveries join that trace. */
    static final String TRACE_PARENT = "TRACE_PARENT";

    /** Events: a run's log, keyed by (run, sequence number). */
    static final String EVENT = "WF_EVENT";
    static final String SEQ = "SEQ";
    static final String EVENT_ID = "EVENT_ID";
    static final String EVENT_TYPE = "EVENT_TYPE";
    static final String CORRELATION_ID = "CORRELATION_ID";
    static final String CREATED_AT = "CREATED_AT";
    static final String EVENT_DATA = "EVENT_DATA";

    /** Active hooks: one row per token held, deleted when the hook is disposed or its run ends. */
    static final String HOOK = "WF_HOOK";
    static final String TOKEN = "TOKEN";
    static final String HOOK_ID = "HOOK_ID";
    static final String KIND = "KIND";
    static final String PAYLOAD_TYPE = "PAYLOAD_TYPE";
    static final String METADATA_JSON = "METADATA_JSON";
    static final String RESPONSE_JSON = "RESPONSE_JSON";

    /** Webhook replies: a manual webhook's answer to one HTTP request, until the server holding it sends it. */
    static final String WEBHOOK_REPLY = "WF_WEBHOOK_REPLY";
    static final String REQUEST_ID = "REQUEST_ID";
    static final String HTTP_STATUS = "HTTP_STATUS";
    static final String HEADERS_JSON = "HEADERS_JSON";
    static final String BODY = "BODY";

    /** Streams: one row per stream of a run, with its chunk count (the next chunk's index). */
    static final String STREAM = "WF_STREAM";
    static final String STREAM_NAME = "STREAM_NAME";
    static final String CHUNK_COUNT = "CHUNK_COUNT";
    static final String CLOSED = "CLOSED";

    /** Stream chunks, keyed by (run, stream, index): kept out of the event log, so replay never reads them. */
    static final String STREAM_CHUNK = "WF_STREAM_CHUNK";
    static final String CHUNK_INDEX = "CHUNK_INDEX";
    static final String CHUNK_DATA = "CHUNK_DATA";

    /** Status literals, as {@link dev.durable.workflow.api.RunStatus#wireName()} writes them. */
    static final String PENDING = "pending";
    static final String RUNNING = "running";
    /** The statuses of a run that is not terminal, as an SQL list. */
    static final String LIVE = "('" + PENDING + "', '" + RUNNING + "')";
}
