package dev.durable.workflow.it;

import dev.durable.workflow.api.EventInfo;
import dev.durable.workflow.api.HookInfo;
import dev.durable.workflow.api.Page;
import dev.durable.workflow.api.RunFilter;
import dev.durable.workflow.api.RunInfo;
import dev.durable.workflow.api.RunStatus;
import dev.durable.workflow.api.StepInfo;
import dev.durable.workflow.api.StreamInfo;
import dev.durable.workflow.api.WorkflowInfo;
import dev.durable.workflow.api.WorkflowInspector;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.EJB;
import jakarta.ejb.LocalBean;
import jakarta.ejb.Stateless;
import java.util.List;
import java.util.Optional;

/**
 * The inspector for tests that run inside the server, where no user is signed in: the inspector needs
 * a role, so this bean calls it as {@code workflow-admin} (the test EAR's binding runs it as the user
 * dev). As an application does that reads runs from code that no user calls.
 */
@Stateless
@LocalBean
@RunAs("workflow-admin")
public class InspectorAsAdmin {
    @EJB
    WorkflowInspector inspector;

    public Page<RunInfo> listRuns(String workflowName, RunStatus status, int limit, String cursor) {
        return inspector.listRuns(workflowName, status, limit, cursor);
    }

    public Page<RunInfo> listRuns(RunFilter filter, int limit, String cursor) {
        return inspector.listRuns(filter, limit, cursor);
    }

    public Optional<RunInfo> findRun(String runId) {
        return inspector.findRun(runId);
    }

    public Page<StepInfo> listSteps(String runId, int limit, String cursor) {
        return inspector.listSteps(runId, limit, cursor);
    }

    public Page<EventInfo> listEvents(String runId, int limit, String cursor) {
        return inspector.listEvents(runId, limit, cursor);
    }

    public List<HookInfo> listHooks(String runId) {
        return inspector.listHooks(runId);
    }

    public List<StreamInfo> listStreams(String runId) {
        return inspector.listStreams(runId);
    }

    public List<WorkflowInfo> workflows() {
        return inspector.workflows();
    }
}
