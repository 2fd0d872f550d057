package io.clgmcp.core;

/**
 * The server's limits.
 *
 * @param pageSize how many items a list result holds before it offers a {@code nextCursor}
 * @param toolThreads how many tool calls run at once
 * @param toolQueueCapacity how many tool calls wait for a thread before new ones are refused with
 *     {@link io.clgmcp.core.jsonrpc.ErrorCode#SERVER_BUSY}
 */
public record ServerOptions(int pageSize, int toolThreads, int toolQueueCapacity) {
    public ServerOptions {
        if (pageSize < 1 || toolThreads < 1 || toolQueueCapacity < 0) {
            throw new IllegalArgumentException(
                    "pageSize and toolThreads must be positive, toolQueueCapacity not negative");
        }
    }

    /** 50 items a page, 16 tool threads, 256 waiting calls. */
    public static ServerOptions defaults() {
        return new ServerOptions(50, 16, 256);
    }
}
