package io.clgmcp.server.internal;

import io.clgmcp.core.http.AllowedOrigins;
import io.clgmcp.core.http.HttpFailure;
import io.clgmcp.servlet.Refusals;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Cross-origin access to the MCP endpoints: answers preflights itself (before authentication, as
 * browsers send them without credentials) and marks replies to allowed origins as readable.
 */
final class CorsFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final String ALLOWED_HEADERS =
            "Authorization, Content-Type, Accept, Last-Event-ID, Mcp-Session-Id, MCP-Protocol-Version";

    private final transient AllowedOrigins origins;
    private final transient Refusals refusals;

    CorsFilter(AllowedOrigins origins, Refusals refusals) {
        this.origins = origins;
        this.refusals = refusals;
    }

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String origin = request.getHeader("Origin");
        boolean preflight =
                "OPTIONS".equals(request.getMethod())
                        && request.getHeader("Access-Control-Request-Method") != null;
        if (origin == null) {
            chain.doFilter(request, response);
            return;
        }
        boolean allowed = origins.allows(origin);
        if (allowed) {
            response.setHeader("Access-Control-Allow-Origin", origin);
            response.setHeader("Access-Control-Expose-Headers", "Mcp-Session-Id, WWW-Authenticate");
        }
        response.addHeader("Vary", "Origin");
        if (!preflight) {
            chain.doFilter(request, response);
        } else if (allowed) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
            response.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
            response.setHeader("Access-Control-Max-Age", "600");
            response.setStatus(204);
        } else {
            refusals.refused(Refusals.Reason.ORIGIN, request);
            HttpReplies.write(
                    response,
                    HttpFailure.of(
                            403, "Forbidden", "origin " + origin + " may not call this server"));
        }
    }
}
