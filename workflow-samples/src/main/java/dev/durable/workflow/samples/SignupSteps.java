package dev.durable.workflow.samples;

import dev.durable.workflow.api.Step;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.logging.Logger;

/** The steps of {@link UserSignup}; a real application would write a database and call a mail server here. */
@ApplicationScoped
public class SignupSteps {
    private static final Logger LOG = Logger.getLogger(SignupSteps.class.getName());

    /** A user. */
    public record User(String id, String email) {
    }

    @Step
    public User createUser(String email) {
        if (email == null || !email.contains("@")) {
            throw new IllegalArgumentException("Not an email address: " + email);
        }
        return new User("user_" + UUID.randomUUID(), email);
    }

    @Step
    public void sendWelcomeEmail(User user) {
        LOG.info(() -> "Welcome email sent to " + user.email());
    }
}
