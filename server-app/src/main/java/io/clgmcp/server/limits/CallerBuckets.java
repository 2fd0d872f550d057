package io.clgmcp.server.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One Bucket4j token bucket per caller, in a Caffeine cache that forgets a bucket once it has been
 * idle long enough to be full again (so forgetting it is invisible) and never holds more than
 * {@link #MAX_CALLERS}, so that a flood of new addresses cannot grow memory without bound. A bucket
 * evicted for size before it refilled comes back full: the worst a flood of that size can do is
 * give one caller a fresh burst.
 */
final class CallerBuckets {
    /** Some tens of megabytes of buckets at most; far more callers than one server serves. */
    static final int MAX_CALLERS = 65_536;

    private final RateLimits limits;
    private final NanoClock clock;
    private final Cache<String, Bucket> buckets;

    /**
     * @param nanoTime a monotonic clock in nanoseconds, {@link System#nanoTime} but in tests
     */
    CallerBuckets(RateLimits limits, LongSupplier nanoTime, int maxCallers) {
        this.limits = limits;
        this.clock = new NanoClock(nanoTime);
        this.buckets =
                Caffeine.newBuilder()
                        .maximumSize(maxCallers)
                        .expireAfterAccess(Duration.ofNanos(limits.refillNanos()))
                        .ticker(nanoTime::getAsLong)
                        // Upkeep on the calling thread: cheap, and no pool to share or to wait on.
                        .executor(Runnable::run)
                        .build();
    }

    CallerBuckets(RateLimits limits) {
        this(limits, System::nanoTime, MAX_CALLERS);
    }

    /**
     * Takes one token from the caller's bucket.
     *
     * @return 0 when the request is admitted; otherwise the nanoseconds until it would be
     */
    long take(String limitKey) {
        ConsumptionProbe probe =
                buckets.get(limitKey, key -> newBucket()).tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** How many callers have a bucket now. */
    long size() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(
                        limit ->
                                limit.capacity(limits.burst())
                                        .refillGreedy(
                                                limits.requestsPerSecond(), Duration.ofSeconds(1)))
                .withCustomTimePrecision(clock)
                .build();
    }
}
