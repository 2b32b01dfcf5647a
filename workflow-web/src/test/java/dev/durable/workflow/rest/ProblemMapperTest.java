package dev.durable.workflow.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.durable.workflow.api.InvalidArgumentsException;
import dev.durable.workflow.api.RunAlreadyTerminalException;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.UnknownRunException;
import dev.durable.workflow.api.UnknownWorkflowException;
import dev.durable.workflow.api.WorkflowException;
import jakarta.ejb.EJBException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The classification of exceptions; building the HTTP responses needs a JAX-RS runtime, so not here. */
class ProblemMapperTest {
    private static final ProblemMapper.RequestFacts FACTS =
            new ProblemMapper.RequestFacts("GET", "/workflow/api/runs/x", null, null);

    private static Problem problem(Throwable t) {
        return ProblemMapper.problemFor(t, FACTS);
    }

    @Test
    void apiExceptions() {
        assertProblem(problem(new UnknownWorkflowException("nope")), 404, "unknown-workflow");
        assertProblem(problem(new UnknownRunException("wrun_x")), 404, "unknown-run");
        assertProblem(problem(new InvalidArgumentsException("Argument 0 (email) is not a valid String", 0)),
                400, "invalid-arguments");
        assertProblem(problem(new RunAlreadyTerminalException("wrun_x", RunStatus.COMPLETED)), 409,
                "run-already-terminal");
        assertProblem(problem(new WorkflowException("some refusal")), 400, "workflow-error");
        assertProblem(problem(new IllegalArgumentException("bad cursor")), 400, "invalid-request");
        assertEquals("No run with id 'wrun_x' exists", problem(new UnknownRunException("wrun_x")).detail());
    }

    @Test
    void ejbExceptionsAreUnwrapped() {
        assertProblem(problem(new EJBException(new IllegalArgumentException("bad cursor"))), 400, "invalid-request");
        assertProblem(problem(new EJBException("tx", new EJBException(new UnknownRunException("r")))), 404,
                "unknown-run");
        EJBException viaGetCause = new EJBException("wrapped");
        viaGetCause.initCause(new UnknownWorkflowException("w"));
        assertProblem(problem(viaGetCause), 404, "unknown-workflow");
    }

    @Test
    void bodyLimitIsFoundInsideWrappers() {
        RuntimeException wrapped = new RuntimeException("reader failed",
                new ProblemException(Problem.payloadTooLarge(10)));
        assertProblem(problem(wrapped), 413, "payload-too-large");
    }

    @Test
    void serverErrorsHideTheirDetails() {
        Problem p = problem(new EJBException(new NullPointerException("secret internals")));
        assertProblem(p, 500, "internal-error");
        assertTrue(p.detail().startsWith("Internal error; see the server log, reference "), p.detail());
        assertFalse(p.detail().contains("secret"));

        Problem engine = problem(new WorkflowException("database down", new SQLException("secret")));
        assertProblem(engine, 500, "internal-error");
        assertFalse(engine.detail().contains("secret"));
    }

    @Test
    void queryParameters() {
        assertEquals(20, RunsResource.parseLimit(null));
        assertEquals(20, RunsResource.parseLimit(""));
        assertEquals(1, RunsResource.parseLimit("1"));
        assertEquals(1000, RunsResource.parseLimit("1000"));
        for (String bad : new String[] {"0", "1001", "-5", "ten", "1.5"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> RunsResource.parseLimit(bad), bad);
            assertEquals(400, e.problem().status());
            assertTrue(e.problem().detail().startsWith("limit must be"), e.problem().detail());
        }
        assertEquals(RunStatus.RUNNING, RunsResource.parseStatus("running"));
        assertEquals(null, RunsResource.parseStatus(null));
        ProblemException e = assertThrows(ProblemException.class, () -> RunsResource.parseStatus("done"));
        assertEquals("status must be one of pending, running, completed, failed, cancelled, not 'done'",
                e.problem().detail());
    }

    private static void assertProblem(Problem p, int status, String slug) {
        assertEquals(status, p.status(), p.toString());
        assertEquals("urn:workflow:problem:" + slug, p.type(), p.toString());
    }

    @Test
    void aLongDetailIsClippedRatherThanEchoedInFull() {
        String detail = Problem.of(404, "unknown-workflow", "Unknown workflow", "No workflow named " + "x".repeat(900_000))
                .toJson("/runs").getString("detail");
        org.junit.jupiter.api.Assertions.assertTrue(detail.length() <= Problem.MAX_TEXT + 1, "length " + detail.length());
        org.junit.jupiter.api.Assertions.assertTrue(detail.startsWith("No workflow named xxx") && detail.endsWith("…"));
    }

    @Test
    void aDatabaseOutOfReachIs503AndOtherDatabaseErrorsAreNot() {
        for (java.sql.SQLException down : new java.sql.SQLException[] {new java.sql.SQLException("I/O error", "08006"),
            new java.sql.SQLException("terminating connection due to administrator command", "57P01"),
            new java.sql.SQLException("database is not currently accepting connections", "55000"),
            new java.sql.SQLTransientConnectionException("pool exhausted")}) {
            Problem p = ProblemMapper.problemFor(new RuntimeException("persistence failed", down), FACTS);
            org.junit.jupiter.api.Assertions.assertEquals(503, p.status(), down.toString());
            org.junit.jupiter.api.Assertions.assertEquals("urn:workflow:problem:database-unavailable", p.type());
        }
        Problem duplicate = ProblemMapper.problemFor(new RuntimeException(new java.sql.SQLException("dup", "23505")), FACTS);
        org.junit.jupiter.api.Assertions.assertEquals(500, duplicate.status());
    }
}
