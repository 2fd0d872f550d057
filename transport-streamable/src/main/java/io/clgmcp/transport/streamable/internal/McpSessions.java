package io.clgmcp.transport.streamable.internal;

import io.clgmcp.core.MessageSink;
import io.clgmcp.core.Session;
import io.clgmcp.core.internal.SecureIds;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open Streamable HTTP sessions, each bound to the caller that opened it. A session unused for
 * the idle timeout ends: it is refused when next named, and swept away as new sessions open, so
 * abandoned sessions do not pile up and no thread is needed to watch them.
 */
final class McpSessions {
    /** A session and the counter that numbers the events of all its streams. */
    record McpSession(Session session, AtomicLong eventIds) {
        String id() {
            return session.id();
        }
    }

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final long idleNanos;
    private volatile long nextSweep;

    McpSessions(long idleTimeoutMillis) {
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(idleTimeoutMillis);
        this.nextSweep = System.nanoTime() + idleNanos;
    }

    /** Opens a session whose id nobody can guess. */
    McpSession open(String caller) {
        long now = System.nanoTime();
        sweepIfDue(now);
        McpSession session =
                new McpSession(
                        new Session(SecureIds.next(), MessageSink.DISCARD), new AtomicLong());
        sessions.put(session.id(), new Entry(session, caller, now));
        return session;
    }

    /**
     * The live session of that id, when the same caller opened it; any other caller learns nothing
     * about it. Finding a session counts as using it.
     */
    Optional<McpSession> find(String id, String caller) {
        Entry entry = sessions.get(id);
        long now = System.nanoTime();
        if (entry == null || !entry.caller.equals(caller)) {
            return Optional.empty();
        }
        if (entry.isIdle(now, idleNanos)) {
            sessions.remove(id, entry);
            return Optional.empty();
        }
        entry.lastUsed = now;
        return Optional.of(entry.session);
    }

    /** Ends a session; false when there was no such live session for this caller. */
    boolean close(String id, String caller) {
        return find(id, caller).map(session -> sessions.remove(id) != null).orElse(false);
    }

    int size() {
        return sessions.size();
    }

    private void sweepIfDue(long now) {
        if (now - nextSweep >= 0) {
            nextSweep = now + idleNanos;
            sessions.values().removeIf(entry -> entry.isIdle(now, idleNanos));
        }
    }

    private static final class Entry {
        final McpSession session;
        final String caller;
        volatile long lastUsed;

        Entry(McpSession session, String caller, long lastUsed) {
            this.session = session;
            this.caller = caller;
            this.lastUsed = lastUsed;
        }

        boolean isIdle(long now, long idleNanos) {
            return now - lastUsed > idleNanos;
        }
    }
}
