package dev.durable.workflow.samples;

import dev.durable.workflow.api.Hook;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import java.util.ArrayList;
import java.util.List;

/**
 * Iterates over {@code n} payloads of one hook (strings, e.g. {@code "first"}) and returns them in the
 * order they arrived. Its random token is listed by {@code GET /runs/<runId>/hooks}.
 */
@Workflow("collect")
public class Collect {

    public List<String> run(int n) {
        List<String> received = new ArrayList<>();
        if (n <= 0) {
            return received;
        }
        Hook<String> hook = Workflows.createHook(String.class);
        for (String payload : hook) {
            received.add(payload);
            if (received.size() == n) {
                break;
            }
        }
        return received;
    }
}
