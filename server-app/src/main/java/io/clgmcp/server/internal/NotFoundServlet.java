package io.clgmcp.server.internal;

import io.clgmcp.core.http.HttpFailure;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Answers what nothing else serves: 404 for an unknown path, 405 for a method {@code /} lacks. */
final class NotFoundServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String path = HttpReplies.pathOf(request);
        if ("/".equals(path)) {
            response.setHeader("Allow", "GET");
            HttpReplies.write(
                    response,
                    HttpFailure.of(
                            405,
                            "Method Not Allowed",
                            request.getMethod() + " is not served at /"));
        } else {
            HttpReplies.write(
                    response, HttpFailure.of(404, "Not Found", "nothing is served at " + path));
        }
    }
}
