package io.clgmcp.client.internal;

/**
 * When an SSE transport tries again to open its stream: after the server's {@code retry:} (at most
 * a minute; 200 ms when it sent none), doubled per failed attempt up to 10 s (or the server's
 * longer delay); and never after a refusal that trying again will not change.
 */
final class SseBackoff {
    static final long INITIAL_BACKOFF_MILLIS = 200;
    static final long MAX_BACKOFF_MILLIS = 10_000;
    private static final long MAX_RETRY_MILLIS = 60_000;

    private volatile long retryMillis = -1;

    /** Learns the {@code retry:} of the stream that ended; a negative value (none) is ignored. */
    void serverRetry(long millis) {
        if (millis >= 0) {
            retryMillis = millis;
        }
    }

    /**
     * The wait before the next attempt: the server's {@code retry:} (at most a minute; 200 ms when
     * it sent none) doubled per failed attempt, up to 10 s (or the server's longer delay).
     */
    long delayMillis(int failures) {
        long retry = retryMillis;
        long base = retry > 0 ? Math.min(retry, MAX_RETRY_MILLIS) : INITIAL_BACKOFF_MILLIS;
        long cap = Math.max(base, MAX_BACKOFF_MILLIS);
        long delay = base << Math.min(failures, 16); // base <= 60 s: no overflow
        return Math.min(delay, cap);
    }

    /** A refusal that trying again will not change (a wrong token, a wrong URL). */
    static boolean isPermanent(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }
}
