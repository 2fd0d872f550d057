package io.clgmcp.server.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token buckets on a clock the test turns by hand. */
class CallerBucketsTest {
    private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Test
    void admitsTheBurstThenSaysHowLongToWait() {
        CallerBuckets buckets = new CallerBuckets(new RateLimits(10, 3), now::get, 100);

        assertEquals(0, buckets.take("alpha"));
        assertEquals(0, buckets.take("alpha"));
        assertEquals(0, buckets.take("alpha"));
        long wait = buckets.take("alpha");

        assertEquals(100 * MILLI, wait);
    }

    @Test
    void refillsAtTheConfiguredRate() {
        CallerBuckets buckets = new CallerBuckets(new RateLimits(10, 1), now::get, 100);
        assertEquals(0, buckets.take("alpha"));
        assertTrue(buckets.take("alpha") > 0);

        now.addAndGet(99 * MILLI);
        assertTrue(buckets.take("alpha") > 0);
        now.addAndGet(MILLI);

        assertEquals(0, buckets.take("alpha"));
    }

    @Test
    void keepsEachCallersBucketApart() {
        CallerBuckets buckets = new CallerBuckets(new RateLimits(1, 1), now::get, 100);
        assertEquals(0, buckets.take("alpha"));
        assertTrue(buckets.take("alpha") > 0);

        assertEquals(0, buckets.take("beta"));
    }

    @Test
    void forgetsABucketOnceItWouldBeFullAgain() {
        CallerBuckets buckets = new CallerBuckets(new RateLimits(10, 5), now::get, 100);
        buckets.take("alpha");
        buckets.take("beta");

        now.addAndGet(499 * MILLI);
        buckets.take("beta");
        assertEquals(2, buckets.size());
        now.addAndGet(MILLI);

        assertEquals(1, buckets.size());
    }

    @Test
    void holdsNoMoreCallersThanItsBound() {
        CallerBuckets buckets = new CallerBuckets(new RateLimits(1, 1), now::get, 50);

        for (int i = 0; i < 10_000; i++) {
            buckets.take("address 10.0." + (i / 256) + "." + (i % 256));
        }

        assertTrue(buckets.size() <= 50, () -> buckets.size() + " buckets");
    }

    @Test
    void roundsRetryAfterUpToWholeSeconds() {
        assertEquals(1, RateLimitFilter.retryAfterSeconds(1));
        assertEquals(1, RateLimitFilter.retryAfterSeconds(TimeUnit.SECONDS.toNanos(1)));
        assertEquals(2, RateLimitFilter.retryAfterSeconds(TimeUnit.SECONDS.toNanos(1) + 1));
    }
}
