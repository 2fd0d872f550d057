package io.clgmcp.server.genealogy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HostRateLimiterTest {
    private static final String HOST = "www.cyndislist.com";

    private long now = 1_000_000_000L;
    private final HostRateLimiter limiter = new HostRateLimiter(4, () -> now);

    @Test
    void firstRequestToAHostGoesAtOnce() throws Exception {
        assertEquals(Duration.ZERO, limiter.reserve(HOST));
    }

    @Test
    void eachFurtherRequestWaitsOneMoreInterval() throws Exception {
        limiter.reserve(HOST);

        assertEquals(Duration.ofMillis(250), limiter.reserve(HOST));
        assertEquals(Duration.ofMillis(500), limiter.reserve(HOST));
    }

    @Test
    void hostsAreSpacedIndependently() throws Exception {
        limiter.reserve(HOST);
        limiter.reserve(HOST);

        assertEquals(Duration.ZERO, limiter.reserve("example.org"));
        assertEquals(Duration.ofMillis(250), limiter.reserve("example.org"));
    }

    @Test
    void hostNamesDifferingInCaseAreOneHost() throws Exception {
        limiter.reserve(HOST);

        assertEquals(Duration.ofMillis(250), limiter.reserve("WWW.CyndisList.com"));
    }

    @Test
    void passingTimeFreesSlots() throws Exception {
        limiter.reserve(HOST);
        limiter.reserve(HOST);

        advance(Duration.ofMillis(100));
        assertEquals(Duration.ofMillis(400), limiter.reserve(HOST));

        advance(Duration.ofSeconds(1));
        assertEquals(Duration.ZERO, limiter.reserve(HOST));
    }

    @Test
    void waitBeyondTheBoundIsRefusedWithoutBookingASlot() throws Exception {
        HostRateLimiter oneASecond = new HostRateLimiter(1, () -> now);
        for (int i = 0; i <= HostRateLimiter.MAX_WAIT.toSeconds(); i++) {
            assertEquals(Duration.ofSeconds(i), oneASecond.reserve(HOST));
        }

        SiteException busy = assertThrows(SiteException.class, () -> oneASecond.reserve(HOST));
        assertTrue(busy.getMessage().contains("busy"), busy.getMessage());
        assertTrue(busy.getMessage().contains("Try again shortly"), busy.getMessage());

        // Had the refused request booked a slot, this one would wait 31 s.
        advance(Duration.ofSeconds(1));
        assertEquals(HostRateLimiter.MAX_WAIT, oneASecond.reserve(HOST));
    }

    @Test
    void manyHostsAreServedAsFreshOnesAfterTheirSlotsPass() throws Exception {
        for (int i = 0; i < 1_000; i++) {
            assertEquals(Duration.ZERO, limiter.reserve("host" + i + ".example"));
            advance(Duration.ofMillis(300));
        }
        assertEquals(Duration.ZERO, limiter.reserve("host0.example"));
        assertEquals(Duration.ofMillis(250), limiter.reserve("host0.example"));
    }

    private void advance(Duration duration) {
        now += duration.toNanos();
    }
}
