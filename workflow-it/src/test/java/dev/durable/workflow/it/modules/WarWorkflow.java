package dev.durable.workflow.it.modules;

import dev.durable.workflow.api.Step;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A workflow and its steps in the application's WAR: one inline step, one parallel step (named: {@link EjbModuleWorkflow} has a {@code Steps.tag} too). */
@Workflow("inTheWar")
public class WarWorkflow {
    @Inject
    Steps steps;

    public String run(String x) {
        String inline = steps.tag(x);
        return inline + "+" + Workflows.async(() -> steps.tag(inline)).get();
    }

    /** Steps in the WAR. */
    @ApplicationScoped
    public static class Steps {
        @Step("war.tag")
        public String tag(String x) {
            return "war(" + x + ")";
        }
    }
}
