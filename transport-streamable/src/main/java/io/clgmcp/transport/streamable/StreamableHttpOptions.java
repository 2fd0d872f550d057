package io.clgmcp.transport.streamable;

import java.util.List;

/**
 * How the Streamable HTTP transport behaves.
 *
 * @param maxBodyBytes the largest POST body accepted
 * @param sessionIdleTimeoutMillis how long a session may go unused (with no stream open) before it
 *     ends
 * @param allowedOrigins the browser origins allowed to call {@code /mcp} (exact origins, or {@code
 *     *}); empty for loopback origins only. Requests without an {@code Origin} are allowed.
 * @param eventHistory how many recent events each session keeps for clients that reconnect with
 *     {@code Last-Event-ID}
 * @param retryMillis the reconnection delay announced to clients that resume streams
 */
public record StreamableHttpOptions(
        int maxBodyBytes,
        long sessionIdleTimeoutMillis,
        List<String> allowedOrigins,
        int eventHistory,
        long retryMillis) {
    /** Events kept per session unless configured otherwise. */
    public static final int DEFAULT_EVENT_HISTORY = 1000;

    /** The announced reconnection delay unless configured otherwise. */
    public static final long DEFAULT_RETRY_MILLIS = 1000;

    public StreamableHttpOptions {
        if (maxBodyBytes < 1 || sessionIdleTimeoutMillis < 1) {
            throw new IllegalArgumentException("body limit and idle timeout must be positive");
        }
        if (eventHistory < 1 || retryMillis < 1) {
            throw new IllegalArgumentException("event history and retry delay must be positive");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
    }

    public StreamableHttpOptions(
            int maxBodyBytes, long sessionIdleTimeoutMillis, List<String> allowedOrigins) {
        this(
                maxBodyBytes,
                sessionIdleTimeoutMillis,
                allowedOrigins,
                DEFAULT_EVENT_HISTORY,
                DEFAULT_RETRY_MILLIS);
    }
}
