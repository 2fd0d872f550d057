package io.clgmcp.cluster.redis;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition that becomes true by itself (an expiry, a reconnect), up to a deadline. */
final class Poll {
    private static final Duration INTERVAL = Duration.ofMillis(20);

    private Poll() {}

    static void until(String what, Duration timeout, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                fail("Not within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(INTERVAL.toNanos());
        }
    }
}
