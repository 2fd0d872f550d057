package io.clgmcp.transport.sse;

import io.clgmcp.servlet.QueueLimits;

/**
 * How the SSE transport behaves.
 *
 * @param heartbeatIntervalMillis how often every stream gets a {@code heartbeat} event
 * @param connectionTimeoutMillis how long a stream may make no write progress before it is closed
 * @param maxConnections how many streams may be open at once
 * @param maxConnectionsPerCaller how many of them one caller may hold ({@link
 *     io.clgmcp.servlet.McpRequests#limitKeyOf}); 0 for no limit of its own
 * @param maxQueuedEvents how many unsent events a stream may hold before its client, which has
 *     stopped reading, is disconnected
 * @param maxQueuedBytes how many bytes of unsent events a stream may hold before its client is
 *     disconnected the same way
 * @param maxBodyBytes the largest POST body accepted
 */
public record SseOptions(
        long heartbeatIntervalMillis,
        long connectionTimeoutMillis,
        int maxConnections,
        int maxConnectionsPerCaller,
        int maxQueuedEvents,
        long maxQueuedBytes,
        int maxBodyBytes) {
    public SseOptions {
        if (heartbeatIntervalMillis < 1
                || connectionTimeoutMillis < 1
                || maxConnections < 1
                || maxQueuedEvents < 1
                || maxQueuedBytes < 1
                || maxBodyBytes < 1) {
            throw new IllegalArgumentException("every SSE option must be positive");
        }
        if (maxConnectionsPerCaller < 0) {
            throw new IllegalArgumentException("maxConnectionsPerCaller must be 0 or more");
        }
    }

    /** How far a client may fall behind its stream before it is disconnected. */
    public QueueLimits queueLimits() {
        return new QueueLimits(maxQueuedEvents, maxQueuedBytes);
    }
}
