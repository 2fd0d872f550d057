package io.clgmcp.server.cluster;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a condition that becomes true by itself (an expiry, a process coming up, health
 * changing), up to a deadline, so that no test depends on how long anything takes.
 */
final class Poll {
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration INTERVAL = Duration.ofMillis(25);

    private Poll() {}

    /**
     * Asks the condition until it is true or {@link #WAIT} has passed; an exception counts as not
     * yet, and the last one is reported if time runs out.
     */
    static void until(String what, Callable<Boolean> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.call())) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                fail("Not within " + WAIT + ": " + what + (last == null ? "" : " (" + last + ")"));
            }
            LockSupport.parkNanos(INTERVAL.toNanos());
        }
    }
}
