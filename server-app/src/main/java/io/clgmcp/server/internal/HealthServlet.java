package io.clgmcp.server.internal;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code GET /health}: whether the server is up, and what it serves; open to everyone. */
final class HealthServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient ServerDescription description;

    HealthServlet(ServerDescription description) {
        this.description = description;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            HttpReplies.write(response, 200, description.health());
        } else {
            HttpReplies.onlyGetAndHead(request, response, "GET, HEAD");
        }
    }
}
