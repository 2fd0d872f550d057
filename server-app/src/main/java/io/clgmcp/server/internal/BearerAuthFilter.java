package io.clgmcp.server.internal;

import io.clgmcp.core.http.HttpAttributes;
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
 * Admits a request to an MCP endpoint only with {@code Authorization: Bearer <token>} that the
 * {@link Authenticator} accepts, and records who the caller is for the transports; with no
 * credentials configured, admits everyone. A refusal is the authenticator's: 401 saying whether the
 * token was missing, malformed or invalid, and under OAuth 403 for a missing scope or 503 when the
 * issuer's keys cannot be had.
 */
final class BearerAuthFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Pattern BEARER =
            Pattern.compile("(?i)Bearer +(" + AccessTokens.TOKEN_SYNTAX + ") *");

    private final transient Authenticator authenticator;
    private final transient Refusals refusals;

    BearerAuthFilter(Authenticator authenticator, Refusals refusals) {
        this.authenticator = authenticator;
        this.refusals = refusals;
    }

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (authenticator.admitsEveryone()) {
            chain.doFilter(request, response);
            return;
        }
        Authenticator.Outcome outcome = authenticate(request.getHeader("Authorization"));
        if (!outcome.admitted()) {
            refuse(request, response, outcome);
            return;
        }
        request.setAttribute(HttpAttributes.CALLER, outcome.caller());
        chain.doFilter(request, response);
    }

    private Authenticator.Outcome authenticate(String header) {
        if (header == null || header.isBlank()) {
            return authenticator.withoutToken(
                    "missing bearer token: send 'Authorization: Bearer <token>'");
        }
        Matcher bearer = BEARER.matcher(header);
        if (!bearer.matches()) {
            return authenticator.withoutToken(
                    "malformed Authorization header: expected 'Bearer <token>'");
        }
        return authenticator.authenticate(bearer.group(1));
    }

    private void refuse(
            HttpServletRequest request, HttpServletResponse response, Authenticator.Outcome outcome)
            throws IOException {
        if (outcome.refusal().status() != 503) {
            refusals.refused(Refusals.Reason.AUTH, request);
        }
        outcome.headers().forEach(response::setHeader);
        HttpReplies.refuse(request, response, outcome.refusal());
    }

    @Override
    public void destroy() {
        authenticator.close();
    }
}
