package dev.durable.workflow.rest;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The web module's error page for the container's own answers (web.xml maps 401, 403 and other statuses
 * that arise outside the REST API's code here): a
 * problem+json body instead of the server's HTML, saying what is missing without saying anything about
 * the resource asked for, so that a refusal reads the same whether a run exists or not.
 */
@WebServlet("/problem")
public class ProblemPages extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(ProblemPages.class.getName());

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Problem problem = code instanceof Integer status ? problemFor(status)
                : Problem.forStatus(404, "No resource here");
        if (problem.isServerError()) {
            String reference = UUID.randomUUID().toString();
            Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
            int status = problem.status();
            LOG.log(Level.SEVERE, thrown instanceof Throwable t ? t : null, () -> "Internal error, reference " + reference
                    + ", answering " + uri + " with " + status);
            problem = Problem.forStatus(status, "Internal error; see the server log, reference " + reference);
        }
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        // the container's challenge (WWW-Authenticate) is already on the response
        response.getOutputStream().write(problem.toJson(uri instanceof String path ? path : null).toString()
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The problem for a refusal status. */
    static Problem problemFor(int status) {
        return switch (status) {
            case 401 -> Problem.of(401, "unauthenticated", "Authentication required",
                    "Send the credentials of a user of this server's registry (HTTP Basic): reading needs the "
                    + "role workflow-viewer, starting and changing runs workflow-operator, bulk jobs workflow-admin");
            case 403 -> Problem.of(403, "forbidden", "Forbidden",
                    "The user is not in a role allowed to do this: reading needs workflow-viewer, starting and "
                    + "changing runs workflow-operator, bulk jobs workflow-admin");
            case 400 -> Problem.of(400, "bad-request", "Bad Request", "The request could not be read: its path, a "
                    + "header or a parameter is malformed (an encoded slash in a path is refused)");
            default -> Problem.forStatus(status, null);
        };
    }
}
