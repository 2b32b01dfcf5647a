package dev.durable.workflow.samples;

import dev.durable.workflow.api.Workflow;
import jakarta.inject.Inject;

/** The reference's example: create a user, send a welcome email, return the user's id. */
@Workflow("userSignup")
public class UserSignup {

    @Inject
    SignupSteps steps;

    public String run(String email) {
        SignupSteps.User user = steps.createUser(email);
        steps.sendWelcomeEmail(user);
        return user.id();
    }
}
