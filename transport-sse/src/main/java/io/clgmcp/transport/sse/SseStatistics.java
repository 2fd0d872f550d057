package io.clgmcp.transport.sse;

/** The SSE transport's connection counts, exact at the moment they are read. */
public interface SseStatistics {
    /** Streams opened since start, whether or not they are still open. */
    long totalConnections();

    int activeConnections();

    int maxConnections();

    long heartbeatIntervalMillis();
}
