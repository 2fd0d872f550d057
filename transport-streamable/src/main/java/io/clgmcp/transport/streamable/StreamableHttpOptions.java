package io.clgmcp.transport.streamable;

import java.util.List;

/**
 * How the Streamable HTTP transport behaves.
 *
 * @param maxBodyBytes the largest POST body accepted
 * @param sessionIdleTimeoutMillis how long a session may go unused before it ends
 * @param allowedOrigins the browser origins allowed to call {@code /mcp} (exact origins, or {@code
 *     *}); empty for loopback origins only. Requests without an {@code Origin} are allowed.
 */
public record StreamableHttpOptions(
        int maxBodyBytes, long sessionIdleTimeoutMillis, List<String> allowedOrigins) {
    public StreamableHttpOptions {
        if (maxBodyBytes < 1 || sessionIdleTimeoutMillis < 1) {
            throw new IllegalArgumentException("body limit and idle timeout must be positive");
        }
        allowedOrigins = List.copyOf(allowedOrigins);
    }
}
