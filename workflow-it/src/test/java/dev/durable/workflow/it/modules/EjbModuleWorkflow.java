package dev.durable.workflow.it.modules;

import dev.durable.workflow.api.Step;
import dev.durable.workflow.api.Workflow;
import dev.durable.workflow.api.Workflows;
import jakarta.ejb.Stateless;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A workflow and its steps in an EJB module of the application's own, beside one of its session beans. */
@Workflow("inAnEjbModule")
public class EjbModuleWorkflow {
    @Inject
    Steps steps;

    public String run(String x) {
        String inline = steps.tag(x);
        return inline + "+" + Workflows.async(() -> steps.tag(inline)).get();
    }

    /** Steps in the EJB module. */
    @ApplicationScoped
    public static class Steps {
        @Step
        public String tag(String x) {
            return "ejb(" + x + ")";
        }
    }

    /** The module's own session bean (an EJB module has at least one). */
    @Stateless
    public static class Greeter {
        public String greet(String who) {
            return "hello " + who;
        }
    }
}
