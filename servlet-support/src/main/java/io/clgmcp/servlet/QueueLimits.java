package io.clgmcp.servlet;

/**
 * How far a client may fall behind an {@link EventStream} before it is cut off: the events, and the
 * bytes of them, that may wait unsent. One event is always taken into an empty queue, however
 * large.
 *
 * @param events how many unsent events a stream may hold
 * @param bytes how many bytes of unsent events a stream may hold
 */
public record QueueLimits(int events, long bytes) {
    /** 1000 events or 16 MiB, whichever comes first. */
    public static final QueueLimits DEFAULTS = new QueueLimits(1000, 16 << 20);

    public QueueLimits {
        if (events < 1 || bytes < 1) {
            throw new IllegalArgumentException("queue limits must be positive");
        }
    }
}
