package io.clgmcp.server.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /}: describes the server, without authentication. Other methods on {@code /} pass on,
 * to the JSON-RPC transport where it serves {@code POST /}.
 */
final class RootFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final transient ServerDescription description;

    RootFilter(ServerDescription description) {
        this.description = description;
    }

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("GET".equals(request.getMethod()) && "/".equals(HttpReplies.pathOf(request))) {
            HttpReplies.write(response, 200, description.about());
        } else {
            chain.doFilter(request, response);
        }
    }
}
