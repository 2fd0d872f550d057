package io.clgmcp.server.limits;

/**
 * How fast each caller may call the MCP endpoints: a token bucket that refills at {@code
 * requestsPerSecond} ({@code RATE_LIMIT_RPS}) and holds at most {@code burst} ({@code
 * RATE_LIMIT_BURST}), so a caller that paused may send that many at once. Every HTTP request takes
 * one token; a preflight takes none.
 *
 * @param requestsPerSecond the sustained rate; 0 for no limit
 * @param burst how many requests may come at once after a pause
 */
public record RateLimits(int requestsPerSecond, int burst) {
    public RateLimits {
        if (requestsPerSecond < 0 || burst < 1) {
            throw new IllegalArgumentException(
                    "a rate limit needs a rate of 0 or more and a burst of 1 or more");
        }
    }

    /** Whether requests are limited at all. */
    public boolean enabled() {
        return requestsPerSecond > 0;
    }

    /**
     * How long an emptied bucket takes to fill again: a bucket left alone that long is full, the
     * same as a new one, so forgetting it then changes nothing.
     */
    long refillNanos() {
        return (burst * 1_000_000_000L + requestsPerSecond - 1) / requestsPerSecond;
    }
}
