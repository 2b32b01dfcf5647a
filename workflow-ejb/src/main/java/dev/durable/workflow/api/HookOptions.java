package dev.durable.workflow.api;

import java.util.Map;
import java.util.Objects;

/**
 * Options for {@link Workflows#createHook(Class, HookOptions)}.
 *
 * <pre>{@code
 * HookOptions.builder().token("order-42").metadata(Map.of("orderId", "42")).build()
 * }</pre>
 */
public final class HookOptions {
    private static final HookOptions NONE = new HookOptions(null, Map.of());

    /** The longest accepted token. */
    public static final int MAX_TOKEN_LENGTH = 200;

    private final String token;
    private final Map<String, ?> metadata;

    private HookOptions(String token, Map<String, ?> metadata) {
        this.token = token;
        this.metadata = metadata;
    }

    /** No options: a random token, no metadata. */
    public static HookOptions none() {
        return NONE;
    }

    /** A builder of options. */
    public static Builder builder() {
        return new Builder();
    }

    /** The caller-chosen token, or {@code null} for a random one (at least 128 bits, URL-safe). */
    public String token() {
        return token;
    }

    /** Values recorded with the hook and shown by {@link WorkflowService#getHook}; JSON-serializable. */
    public Map<String, ?> metadata() {
        return metadata;
    }

    /** Builds {@link HookOptions}. */
    public static final class Builder {
        private String token;
        private Map<String, ?> metadata = Map.of();

        private Builder() {
        }

        /**
         * A token of your choosing, e.g. {@code "approval:" + orderId}: 1 to {@value #MAX_TOKEN_LENGTH}
         * characters, no control characters or {@code /}. An active token is unique across all runs.
         */
        public Builder token(String token) {
            if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH
                    || token.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '/')) {
                throw new IllegalArgumentException("A hook token must be 1 to " + MAX_TOKEN_LENGTH
                        + " characters without control characters or '/': " + token);
            }
            this.token = token;
            return this;
        }

        /** Metadata recorded with the hook. */
        public Builder metadata(Map<String, ?> metadata) {
            this.metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata"));
            return this;
        }

        public HookOptions build() {
            return new HookOptions(token, metadata);
        }
    }
}
