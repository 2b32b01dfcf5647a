package dev.durable.workflow.it.clash;

import dev.durable.workflow.api.Step;
import jakarta.enterprise.context.ApplicationScoped;

/** Two step classes with one simple name and one method name: both steps would be named {@code Steps.same}. */
public final class ClashingSteps {
    private ClashingSteps() {
    }

    /** One of them. */
    public static final class First {
        private First() {
        }

        /** Its steps. */
        @ApplicationScoped
        public static class Steps {
            @Step
            public String same() {
                return "first";
            }
        }
    }

    /** The other. */
    public static final class Second {
        private Second() {
        }

        /** Its steps. */
        @ApplicationScoped
        public static class Steps {
            @Step
            public String same() {
                return "second";
            }
        }
    }
}
