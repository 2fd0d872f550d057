package io.clgmcp.transport.streamable;

/** Counts of the Streamable HTTP transport's sessions, as {@code /health} reports them. */
public interface StreamableStatistics {
    /** Sessions opened since start, whether or not they are still open. */
    long totalSessions();

    /** Sessions open now. */
    int activeSessions();
}
