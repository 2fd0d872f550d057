package io.clgmcp.core;

/**
 * Something that holds streams open for as long as their clients stay, such as SSE connections. A
 * graceful shutdown ends them first, or it would wait on them for its whole grace period.
 * Transports contribute theirs through {@link McpCoreModule#longLivedStreams}.
 */
public interface LongLivedStreams {
    /** Ends every stream and refuses new ones. */
    void closeAll();
}
