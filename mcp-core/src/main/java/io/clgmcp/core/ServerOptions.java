package io.clgmcp.core;

import java.time.Duration;

/**
 * The server's limits.
 *
 * @param pageSize how many items a list result holds before it offers a {@code nextCursor}
 * @param toolThreads how many tool calls (and resource reads and prompt fills) run at once
 * @param toolQueueCapacity how many of them wait for a thread before new ones are refused with
 *     {@link io.clgmcp.core.jsonrpc.ErrorCode#SERVER_BUSY}
 * @param clientRequestTimeout how long a tool waits for the client to answer a request the server
 *     sent it (sampling, elicitation, roots) before giving up
 * @param handlerTimeout how long a tool call (or resource read or prompt fill) may run before it is
 *     stopped like a cancelled one and answered with {@link
 *     io.clgmcp.core.jsonrpc.ErrorCode#REQUEST_TIMEOUT}
 */
public record ServerOptions(
        int pageSize,
        int toolThreads,
        int toolQueueCapacity,
        Duration clientRequestTimeout,
        Duration handlerTimeout) {
    /** Two minutes: long enough for a person to answer an elicitation. */
    public static final Duration DEFAULT_CLIENT_REQUEST_TIMEOUT = Duration.ofMinutes(2);

    /** Ten minutes: far beyond any sensible call, short of holding a thread for ever. */
    public static final Duration DEFAULT_HANDLER_TIMEOUT = Duration.ofMinutes(10);

    public ServerOptions {
        if (pageSize < 1 || toolThreads < 1 || toolQueueCapacity < 0) {
            throw new IllegalArgumentException(
                    "pageSize and toolThreads must be positive, toolQueueCapacity not negative");
        }
        if (clientRequestTimeout == null
                || clientRequestTimeout.isNegative()
                || clientRequestTimeout.isZero()) {
            throw new IllegalArgumentException("clientRequestTimeout must be positive");
        }
        if (handlerTimeout == null || handlerTimeout.isNegative() || handlerTimeout.isZero()) {
            throw new IllegalArgumentException("handlerTimeout must be positive");
        }
    }

    public ServerOptions(int pageSize, int toolThreads, int toolQueueCapacity) {
        this(pageSize, toolThreads, toolQueueCapacity, DEFAULT_CLIENT_REQUEST_TIMEOUT);
    }

    public ServerOptions(
            int pageSize, int toolThreads, int toolQueueCapacity, Duration clientRequestTimeout) {
        this(
                pageSize,
                toolThreads,
                toolQueueCapacity,
                clientRequestTimeout,
                DEFAULT_HANDLER_TIMEOUT);
    }

    /**
     * 50 items a page, 16 tool threads, 256 waiting calls, two minutes for a client's answer, ten
     * for a call.
     */
    public static ServerOptions defaults() {
        return new ServerOptions(50, 16, 256);
    }

    public ServerOptions withClientRequestTimeout(Duration timeout) {
        return new ServerOptions(pageSize, toolThreads, toolQueueCapacity, timeout, handlerTimeout);
    }

    public ServerOptions withHandlerTimeout(Duration timeout) {
        return new ServerOptions(
                pageSize, toolThreads, toolQueueCapacity, clientRequestTimeout, timeout);
    }
}
