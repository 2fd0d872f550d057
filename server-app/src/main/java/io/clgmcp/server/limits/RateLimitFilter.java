package io.clgmcp.server.limits;

import io.clgmcp.core.http.HttpFailure;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.McpException;
import io.clgmcp.server.internal.HttpReplies;
import io.clgmcp.servlet.McpRequests;
import io.clgmcp.servlet.Refusals;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Admits each caller's requests to the MCP endpoints at its {@link RateLimits}; mounted after
 * authentication, which names the caller (with open access, its remote address stands in). A
 * request over the limit gets, whatever the transport:
 *
 * <pre>
 * 429  Retry-After: 1
 *      {"jsonrpc":"2.0","id":null,"error":{"code":-32005,"message":"Rate limited: ..."}}
 * </pre>
 */
public final class RateLimitFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private final transient RateLimits limits;
    private final transient CallerBuckets buckets;
    private final transient Refusals refusals;

    public RateLimitFilter(RateLimits limits, Refusals refusals) {
        this.limits = limits;
        this.buckets = new CallerBuckets(limits);
        this.refusals = refusals;
    }

    @Override
    protected void doFilter(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if ("OPTIONS".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        long waitNanos = buckets.take(McpRequests.limitKeyOf(request));
        if (waitNanos == 0) {
            chain.doFilter(request, response);
            return;
        }
        refusals.refused(Refusals.Reason.RATE, request);
        long seconds = retryAfterSeconds(waitNanos);
        response.setHeader("Retry-After", Long.toString(seconds));
        HttpReplies.refuse(
                request,
                response,
                HttpFailure.jsonRpc(
                        429,
                        null,
                        new McpException(
                                ErrorCode.RATE_LIMITED,
                                "more than "
                                        + limits.requestsPerSecond()
                                        + " requests a second; retry after "
                                        + seconds
                                        + " s")));
    }

    /** A wait as {@code Retry-After} gives it: whole seconds, rounded up, so at least 1. */
    static long retryAfterSeconds(long waitNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(waitNanos + TimeUnit.SECONDS.toNanos(1) - 1);
    }
}
