package io.clgmcp.server.internal;

import io.clgmcp.core.http.HttpAttributes;
import io.clgmcp.core.http.HttpFailure;
import io.clgmcp.servlet.Refusals;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Admits a request to an MCP endpoint only with {@code Authorization: Bearer <token>} naming a
 * configured token, and records who the caller is for the transports; with no token configured,
 * admits everyone. A refusal is a 401 saying whether the token was missing, malformed or invalid.
 */
final class BearerAuthFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Pattern BEARER =
            Pattern.compile("(?i)Bearer +(" + AccessTokens.TOKEN_SYNTAX + ") *");

    private final transient AccessTokens tokens;
    private final transient Refusals refusals;

    BearerAuthFilter(AccessTokens tokens, Refusals refusals) {
        this.tokens = tokens;
        this.refusals = refusals;
    }

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (tokens.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            refuse(request, response, "missing bearer token: send 'Authorization: Bearer <token>'");
            return;
        }
        Matcher bearer = BEARER.matcher(header);
        if (!bearer.matches()) {
            refuse(request, response, "malformed Authorization header: expected 'Bearer <token>'");
            return;
        }
        String caller = tokens.callerOf(bearer.group(1));
        if (caller == null) {
            refuse(request, response, "invalid bearer token");
            return;
        }
        request.setAttribute(HttpAttributes.CALLER, caller);
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, String message)
            throws IOException {
        refusals.refused(Refusals.Reason.AUTH, request);
        response.setHeader("WWW-Authenticate", "Bearer");
        HttpReplies.write(response, HttpFailure.of(401, "Unauthorized", message));
    }
}
