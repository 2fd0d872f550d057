package io.clgmcp.transport.sse;

import java.util.Map;

/** The SSE transport's connection counts, exact at the moment they are read. */
public interface SseStatistics {
    /** Streams opened since start, whether or not they are still open. */
    long totalConnections();

    int activeConnections();

    int maxConnections();

    /** How many streams one caller may hold; 0 when only {@link #maxConnections} applies. */
    int maxConnectionsPerCaller();

    /**
     * The open streams of each caller that has any, by its limit key ({@link
     * io.clgmcp.servlet.McpRequests#limitKeyOf}): a digest, never a credential, or an address.
     */
    Map<String, Integer> activeConnectionsByCaller();

    long heartbeatIntervalMillis();
}
