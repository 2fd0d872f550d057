package io.clgmcp.transport.streamable.internal;

import io.clgmcp.core.LongLivedStreams;
import io.clgmcp.core.internal.SecureIds;
import io.clgmcp.transport.streamable.StreamableHttpOptions;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The open Streamable HTTP sessions, each bound to the caller that opened it. A session unused for
 * the idle timeout (and with no stream open) ends: it is refused when next named, and swept away as
 * new sessions open, so abandoned sessions do not pile up and no thread is needed to watch them.
 */
public final class McpSessions implements LongLivedStreams {
    private final Map<String, McpSession> sessions = new ConcurrentHashMap<>();
    private final long idleNanos;
    private final int historySize;
    private final long retryMillis;
    private volatile long nextSweep;
    private volatile boolean stopping;

    public McpSessions(StreamableHttpOptions options) {
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(options.sessionIdleTimeoutMillis());
        this.historySize = options.eventHistory();
        this.retryMillis = options.retryMillis();
        this.nextSweep = System.nanoTime() + idleNanos;
    }

    /** Opens a session whose id nobody can guess; empty once the server is stopping. */
    Optional<McpSession> open(String caller) {
        long now = System.nanoTime();
        sweepIfDue(now);
        if (stopping) {
            return Optional.empty();
        }
        McpSession session =
                new McpSession(SecureIds.next(), caller, historySize, retryMillis, now);
        sessions.put(session.id(), session);
        return Optional.of(session);
    }

    /**
     * The live session of that id, when the same caller opened it; any other caller learns nothing
     * about it. Finding a session counts as using it.
     */
    Optional<McpSession> find(String id, String caller) {
        McpSession session = sessions.get(id);
        long now = System.nanoTime();
        if (session == null || !session.caller().equals(caller)) {
            return Optional.empty();
        }
        if (session.isIdle(now, idleNanos)) {
            end(session);
            return Optional.empty();
        }
        session.used(now);
        return Optional.of(session);
    }

    /** Ends a session; false when there was no such live session for this caller. */
    boolean close(String id, String caller) {
        Optional<McpSession> session = find(id, caller);
        session.ifPresent(this::end);
        return session.isPresent();
    }

    int size() {
        return sessions.size();
    }

    /** Ends every session, closing their streams, and opens no more. */
    @Override
    public void closeAll() {
        stopping = true;
        sessions.values().forEach(this::end);
    }

    private void end(McpSession session) {
        if (sessions.remove(session.id(), session)) {
            session.close();
        }
    }

    private void sweepIfDue(long now) {
        if (now - nextSweep >= 0) {
            nextSweep = now + idleNanos;
            sessions.values().stream()
                    .filter(session -> session.isIdle(now, idleNanos))
                    .forEach(this::end);
        }
    }
}
