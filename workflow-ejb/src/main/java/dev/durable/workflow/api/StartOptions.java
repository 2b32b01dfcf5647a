package dev.durable.workflow.api;

import java.io.Serializable;
import java.util.Objects;

/**
 * Options for {@link WorkflowService#start(String, java.util.List, StartOptions)}.
 *
 * <pre>{@code
 * StartOptions.builder().deploymentId("v2").idempotencyKey("order-42").build()
 * }</pre>
 */
public final class StartOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final StartOptions NONE = new StartOptions(null, null);

    /** The longest accepted deployment id or idempotency key. */
    public static final int MAX_KEY_LENGTH = 200;

    private final String deploymentId;
    private final String idempotencyKey;

    private StartOptions(String deploymentId, String idempotencyKey) {
        this.deploymentId = deploymentId;
        this.idempotencyKey = idempotencyKey;
    }

    /** No options. */
    public static StartOptions none() {
        return NONE;
    }

    /** A builder of options. */
    public static Builder builder() {
        return new Builder();
    }

    /** The deployment (version of the code) recorded on the run, or {@code null}. */
    public String deploymentId() {
        return deploymentId;
    }

    /**
     * The idempotency key, or {@code null}. A start with the key of an existing run returns that run
     * instead of creating another, also when both starts race.
     */
    public String idempotencyKey() {
        return idempotencyKey;
    }

    /** Builds {@link StartOptions}. */
    public static final class Builder {
        private String deploymentId;
        private String idempotencyKey;

        private Builder() {
        }

        /** Sets the deployment id recorded on the run. */
        public Builder deploymentId(String deploymentId) {
            this.deploymentId = checkLength("deploymentId", deploymentId);
            return this;
        }

        /** Sets the idempotency key. */
        public Builder idempotencyKey(String idempotencyKey) {
            this.idempotencyKey = checkLength("idempotencyKey", idempotencyKey);
            return this;
        }

        /** The options. */
        public StartOptions build() {
            return new StartOptions(deploymentId, idempotencyKey);
        }

        private static String checkLength(String what, String value) {
            if (value != null && (value.isEmpty() || value.length() > MAX_KEY_LENGTH)) {
                throw new InvalidArgumentsException(
                        what + " must be 1 to " + MAX_KEY_LENGTH + " characters long", -1);
            }
            if (value != null && value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new InvalidArgumentsException(what + " must not contain control characters", -1);
            }
            return value;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StartOptions other
                && Objects.equals(deploymentId, other.deploymentId)
                && Objects.equals(idempotencyKey, other.idempotencyKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deploymentId, idempotencyKey);
    }
}
