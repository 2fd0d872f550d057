package io.clgmcp.transport.streamable.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.core.Session;
import io.clgmcp.transport.streamable.StreamableHttpOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class McpSessionsTest {
    private final McpSessions sessions = sessions(60_000);

    @Test
    void opensSessionsWithUnguessableDistinctIds() {
        Session first = sessions.open("alice").orElseThrow().session();
        Session second = sessions.open("alice").orElseThrow().session();

        assertTrue(first.id().matches("[0-9a-f]{32}"), first.id());
        assertNotEquals(first.id(), second.id());
    }

    @Test
    void findsASessionOnlyForTheCallerWhoOpenedIt() {
        Session session = sessions.open("alice").orElseThrow().session();

        assertEquals(session, sessions.find(session.id(), "alice").orElseThrow().session());
        assertTrue(sessions.find(session.id(), "mallory").isEmpty());
        assertFalse(sessions.close(session.id(), "mallory"));
        assertTrue(sessions.find(session.id(), "alice").isPresent());
    }

    @Test
    void forgetsAClosedSession() {
        Session session = sessions.open("alice").orElseThrow().session();

        assertTrue(sessions.close(session.id(), "alice"));

        assertTrue(sessions.find(session.id(), "alice").isEmpty());
        assertFalse(sessions.close(session.id(), "alice"));
        assertEquals(0, sessions.activeSessions());
    }

    @Test
    void endsASessionLeftIdleAndSweepsItAwayWhenHousekeepingRuns() {
        McpSessions quick = sessions(1);
        Session idle = quick.open("alice").orElseThrow().session();
        awaitMillis(5);

        assertTrue(quick.find(idle.id(), "alice").isEmpty());
        assertTrue(idle.isClosed());
        Session abandoned = quick.open("bob").orElseThrow().session();
        awaitMillis(5);
        quick.houseKeep();

        assertTrue(abandoned.isClosed(), "the abandoned session was not ended");
        assertEquals(0, quick.activeSessions(), "an idle session was left behind");
    }

    @Test
    void closingASessionClosesItsCoreSession() {
        Session session = sessions.open("alice").orElseThrow().session();

        assertTrue(sessions.close(session.id(), "alice"));

        assertTrue(session.isClosed());
    }

    @Test
    void opensNoSessionOnceStopping() {
        Session open = sessions.open("alice").orElseThrow().session();

        sessions.closeAll();

        assertTrue(open.isClosed());
        assertTrue(sessions.open("alice").isEmpty());
        assertEquals(0, sessions.activeSessions());
    }

    private static McpSessions sessions(long idleMillis) {
        return new McpSessions(new StreamableHttpOptions(1 << 20, idleMillis, List.of()));
    }

    /** Lets the monotonic clock move on by at least that much, without sleeping. */
    private static void awaitMillis(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
