package io.clgmcp.transport.streamable.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.core.Session;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class McpSessionsTest {
    private final McpSessions sessions = new McpSessions(60_000);

    @Test
    void opensSessionsWithUnguessableDistinctIds() {
        Session first = sessions.open("alice").session();
        Session second = sessions.open("alice").session();

        assertTrue(first.id().matches("[0-9a-f]{32}"), first.id());
        assertNotEquals(first.id(), second.id());
    }

    @Test
    void findsASessionOnlyForTheCallerWhoOpenedIt() {
        Session session = sessions.open("alice").session();

        assertEquals(session, sessions.find(session.id(), "alice").orElseThrow().session());
        assertTrue(sessions.find(session.id(), "mallory").isEmpty());
        assertFalse(sessions.close(session.id(), "mallory"));
        assertTrue(sessions.find(session.id(), "alice").isPresent());
    }

    @Test
    void forgetsAClosedSession() {
        Session session = sessions.open("alice").session();

        assertTrue(sessions.close(session.id(), "alice"));

        assertTrue(sessions.find(session.id(), "alice").isEmpty());
        assertFalse(sessions.close(session.id(), "alice"));
        assertEquals(0, sessions.size());
    }

    @Test
    void endsASessionLeftIdleAndSweepsItAwayWhenTheNextOneOpens() {
        McpSessions quick = new McpSessions(1);
        Session idle = quick.open("alice").session();
        awaitMillis(5);

        assertTrue(quick.find(idle.id(), "alice").isEmpty());
        Session abandoned = quick.open("bob").session();
        awaitMillis(5);
        quick.open("carol");

        assertEquals(1, quick.size(), "the abandoned session was swept: " + abandoned.id());
    }

    /** Lets the monotonic clock move on by at least that much, without sleeping. */
    private static void awaitMillis(long millis) {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }
}
