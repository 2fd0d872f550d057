package io.clgmcp.server.genealogy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Spaces the requests to each upstream host at least {@code 1/N} seconds apart, so that however
 * many tool calls arrive at once, the site is asked politely. It only books slots: a caller waits
 * out the delay it is given itself, without holding a thread, and a caller that would wait too long
 * is told the site is busy instead of joining an endless queue.
 */
final class HostRateLimiter {
    /** The longest a request may be made to wait for its slot. */
    static final Duration MAX_WAIT = Duration.ofSeconds(30);

    /** How many hosts are remembered before those with no booked slot ahead are forgotten. */
    private static final int PRUNE_AT = 64;

    private final double requestsPerSecond;
    private final long intervalNanos;
    private final LongSupplier nanoClock;

    /** Each host's next free slot, on the nano clock; guarded by {@code this}. */
    private final Map<String, Long> nextSlots = new HashMap<>();

    /**
     * @param requestsPerSecond the most requests a second to one host
     * @param nanoClock the time in nanoseconds, as {@link System#nanoTime()} gives it
     */
    HostRateLimiter(double requestsPerSecond, LongSupplier nanoClock) {
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requests per second must be positive");
        }
        this.requestsPerSecond = requestsPerSecond;
        this.intervalNanos =
                Math.max(1, Math.round(TimeUnit.SECONDS.toNanos(1) / requestsPerSecond));
        this.nanoClock = nanoClock;
    }

    /**
     * Books the next free slot for a request to this host.
     *
     * @return how long to wait before sending the request; zero when it may go at once
     * @throws SiteException when the wait would be longer than {@link #MAX_WAIT}; nothing is booked
     *     then
     */
    synchronized Duration reserve(String host) throws SiteException {
        long now = nanoClock.getAsLong();
        String key = host.toLowerCase(Locale.ROOT);
        Long next = nextSlots.get(key);
        // Nano clock readings are compared by their difference, as they may wrap around.
        long slot = next == null || next - now < 0 ? now : next;
        long wait = slot - now;
        if (wait > MAX_WAIT.toNanos()) {
            throw new SiteException(
                    "Cyndi's List is busy: so many requests to "
                            + host
                            + " are already waiting their turn (this server sends at most "
                            + BigDecimal.valueOf(requestsPerSecond)
                                    .stripTrailingZeros()
                                    .toPlainString()
                            + " a second) that this one would wait more than "
                            + MAX_WAIT.toSeconds()
                            + " seconds. Try again shortly.");
        }
        if (next == null && nextSlots.size() >= PRUNE_AT) {
            forgetIdleHosts(now);
        }
        nextSlots.put(key, slot + intervalNanos);
        return Duration.ofNanos(wait);
    }

    private void forgetIdleHosts(long now) {
        // A host whose next slot has come is free; forgetting it changes no answer.
        nextSlots.values().removeIf(next -> next - now <= 0);
    }
}
