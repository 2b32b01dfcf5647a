package dev.durable.workflow.store;

import dev.durable.workflow.api.EventInfo;
import dev.durable.workflow.api.EventType;
import dev.durable.workflow.api.HookInfo;
import dev.durable.workflow.api.InvalidArgumentsException;
import dev.durable.workflow.api.Page;
import dev.durable.workflow.api.RunFilter;
import dev.durable.workflow.api.RunInfo;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.StepInfo;
import dev.durable.workflow.api.StepStatus;
import dev.durable.workflow.api.StreamInfo;
import dev.durable.workflow.api.StreamPage;
import dev.durable.workflow.api.UnknownRunException;
import dev.durable.workflow.api.WorkflowInfo;
import dev.durable.workflow.api.WorkflowInspector;
import dev.durable.workflow.engine.EngineConfig;
import dev.durable.workflow.engine.History;
import dev.durable.workflow.engine.WorkflowRegistry;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletionStage;
import java.util.List;
import java.util.Optional;

/** Reads runs, steps and events for {@link WorkflowInspector}. Cursors are opaque base64url keys. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
@DeclareRoles({WorkflowInspector.VIEWER, WorkflowInspector.OPERATOR, WorkflowInspector.ADMIN})
@RolesAllowed({WorkflowInspector.VIEWER, WorkflowInspector.OPERATOR, WorkflowInspector.ADMIN})
public class WorkflowInspectorBean implements WorkflowInspector {

    @PersistenceContext(unitName = "workflow")
    EntityManager em;

    @Inject
    WorkflowRegistry registry;

    @jakarta.ejb.EJB
    StreamDao streams;

    @Override
    public List<StreamInfo> listStreams(String runId) {
        return streams.list(runId);
    }

    @Override
    public StreamPage readStream(String runId, String name, int startIndex, int limit) {
        checkLimit(limit);
        return streams.read(runId, name, startIndex, limit);
    }

    @Override
    public CompletionStage<Void> awaitStream(String runId, String name, int seen, Duration max) {
        return streams.next(runId, name, seen, max);
    }

    @Override
    public Page<RunInfo> listRuns(String workflowName, RunStatus status, int limit, String cursor) {
        return listRuns(RunFilter.of(workflowName, status), limit, cursor);
    }

    @Override
    public Page<RunInfo> listRuns(RunFilter filter, int limit, String cursor) {
        checkLimit(limit);
        StringBuilder jpql = new StringBuilder("SELECT r FROM RunEntity r WHERE 1 = 1");
        java.util.Map<String, Object> parameters = new java.util.HashMap<>();
        where(jpql, parameters, "r.workflowName = :wf", "wf", filter.workflowName());
        where(jpql, parameters, "r.status = :status", "status", filter.status() == null ? null : filter.status().wireName());
        where(jpql, parameters, "r.createdAt >= :since", "since", filter.createdAfter());
        where(jpql, parameters, "r.createdAt < :until", "until", filter.createdBefore());
        where(jpql, parameters, "r.idempotencyKey = :key", "key", filter.idempotencyKey());
        where(jpql, parameters, "r.rerunOf = :rerunOf", "rerunOf", filter.rerunOf());
        where(jpql, parameters, "r.runId < :after", "after", decode(cursor, "wrun_"));
        TypedQuery<RunEntity> q = em.createQuery(jpql.append(" ORDER BY r.runId DESC").toString(), RunEntity.class);
        parameters.forEach(q::setParameter);
        List<RunInfo> runs = q.setMaxResults(limit + 1).getResultList().stream().map(RunStore::info).toList();
        return page(runs, limit, RunInfo::runId);
    }

    private static void where(StringBuilder jpql, java.util.Map<String, Object> parameters, String condition,
                              String name, Object value) {
        if (value != null) {
            jpql.append(" AND ").append(condition);
            parameters.put(name, value);
        }
    }

    @Override
    public Optional<RunInfo> findRun(String runId) {
        RunEntity r = em.find(RunEntity.class, runId);
        return Optional.ofNullable(r).map(RunStore::info);
    }

    @Override
    public Page<StepInfo> listSteps(String runId, int limit, String cursor) {
        checkLimit(limit);
        // what was pending or running when the run was cancelled never will be: show it cancelled
        boolean cancelled = requireRun(runId) == RunStatus.CANCELLED;
        List<StepInfo> steps = History.of(new EventLog(em).ofType(runId, "step")).steps().stream()
                .map(st -> new StepInfo(st.id(), st.name(),
                        cancelled && st.completedAt() == null ? StepStatus.CANCELLED : st.status(), st.attempts(),
                        st.inputJson(), st.outputJson(),
                        st.errorType(), st.errorMessage(), st.createdAt(), st.startedAt(), st.completedAt(), st.retryAfter()))
                .toList();
        int from = 0;
        String after = decode(cursor, "step_");
        if (after != null) {
            from = -1;
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).stepId().equals(after)) {
                    from = i + 1;
                    break;
                }
            }
            if (from < 0) {
                throw invalidCursor();
            }
        }
        return page(steps.subList(from, Math.min(steps.size(), from + limit + 1)), limit, StepInfo::stepId);
    }

    @Override
    public Page<EventInfo> listEvents(String runId, int limit, String cursor) {
        checkLimit(limit);
        requireRun(runId);
        String after = decode(cursor, "");
        int afterSeq;
        try {
            afterSeq = after == null ? -1 : Integer.parseInt(after);
        } catch (NumberFormatException e) {
            throw invalidCursor();
        }
        if (afterSeq < -1) {
            throw invalidCursor();
        }
        List<EventEntity> events = em.createQuery("SELECT e FROM EventEntity e WHERE e.runId = :id AND e.seq > :after "
                        + "ORDER BY e.seq", EventEntity.class)
                .setParameter("id", runId).setParameter("after", afterSeq).setMaxResults(limit + 1).getResultList();
        List<EventInfo> infos = events.stream().map(e -> new EventInfo(e.eventId, e.runId,
                EventType.fromWireName(e.eventType), e.correlationId, e.createdAt, e.eventData)).toList();
        Page<EventInfo> page = page(infos, limit, x -> null);
        String next = page.hasMore() ? encode(Integer.toString(events.get(limit - 1).seq)) : null;
        return new Page<>(page.data(), next, page.hasMore());
    }

    @Override
    public List<HookInfo> listHooks(String runId) {
        requireRun(runId);
        return History.of(new EventLog(em).ofType(runId, "hook")).hooks().stream()
                .map(h -> new HookInfo(h.id(), h.token(), runId, h.kind(),
                        HookInfo.webhookUrl(EngineConfig.BASE_URL, h.kind(), h.token()), h.metadataJson(), h.status(),
                        h.payloads().size(), h.createdAt(), h.disposedAt()))
                .toList();
    }

    @Override
    public List<WorkflowInfo> workflows() {
        return registry.all().stream().map(d -> new WorkflowInfo(d.name(), d.workflowClass().getName(),
                d.parameterTypeNames(), d.returnType().getTypeName())).toList();
    }

    /** The run's status; throws if there is no such run. */
    private RunStatus requireRun(String runId) {
        List<String> status = em.createQuery("SELECT r.status FROM RunEntity r WHERE r.runId = :id", String.class)
                .setParameter("id", runId).getResultList();
        if (status.isEmpty()) {
            throw new UnknownRunException(runId);
        }
        return RunStatus.fromWireName(status.get(0));
    }

    private static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, String> key) {
        boolean more = rows.size() > limit;
        List<T> data = more ? List.copyOf(rows.subList(0, limit)) : List.copyOf(rows);
        String cursor = more ? encode(key.apply(data.get(data.size() - 1))) : null;
        return new Page<>(data, cursor, more);
    }

    private static void checkLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidArgumentsException("limit must be between 1 and " + MAX_LIMIT, -1);
        }
    }

    private static String encode(String key) {
        return key == null ? null : Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A cursor's key, which must start with {@code prefix} and be an id's letters and digits after it:
     * a cursor that was not taken from a page is refused, never read as "from wherever it sorts".
     */
    private static String decode(String cursor, String prefix) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String key;
        try {
            key = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalidCursor();
        }
        if (!key.startsWith(prefix) || key.length() == prefix.length() || key.length() > 100
                || !key.substring(prefix.length()).chars().allMatch(c -> c == '-' || Character.isLetterOrDigit(c) && c < 128)) {
            throw invalidCursor();
        }
        return key;
    }

    private static InvalidArgumentsException invalidCursor() {
        return new InvalidArgumentsException("Invalid cursor: pass the cursor of a previous page as it was given", -1);
    }
}
