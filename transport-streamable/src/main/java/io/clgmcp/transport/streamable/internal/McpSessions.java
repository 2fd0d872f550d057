package io.clgmcp.transport.streamable.internal;

import io.clgmcp.core.LongLivedStreams;
import io.clgmcp.core.internal.Housekeeping;
import io.clgmcp.core.internal.SecureIds;
import io.clgmcp.transport.streamable.StreamableHttpOptions;
import io.clgmcp.transport.streamable.StreamableStatistics;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open Streamable HTTP sessions, each bound to the caller that opened it. A session unused for
 * the idle timeout (and with no stream open) ends: it is refused when next named, and swept away by
 * the housekeeping thread ({@code mcp-stream-keepalive}, started with the first session), which
 * also keeps open streams alive with comments and ends those whose client has gone.
 */
public final class McpSessions implements LongLivedStreams, StreamableStatistics {
    /** How often open streams get a keep-alive comment and idle sessions are swept. */
    static final long KEEP_ALIVE_MILLIS = 15_000;

    /** How long a stream may take nothing before its client is taken to be gone. */
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(4 * KEEP_ALIVE_MILLIS);

    private final Map<String, McpSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private final long idleNanos;
    private final int historySize;
    private final long retryMillis;
    private Housekeeping housekeeping;
    private boolean stopping;

    public McpSessions(StreamableHttpOptions options) {
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(options.sessionIdleTimeoutMillis());
        this.historySize = options.eventHistory();
        this.retryMillis = options.retryMillis();
    }

    /** Opens a session whose id nobody can guess; empty once the server is stopping. */
    Optional<McpSession> open(String caller) {
        synchronized (this) {
            if (stopping) {
                return Optional.empty();
            }
            startHousekeeping();
        }
        McpSession session =
                new McpSession(
                        SecureIds.next(), caller, historySize, retryMillis, System.nanoTime());
        sessions.put(session.id(), session);
        opened.incrementAndGet();
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

    @Override
    public long totalSessions() {
        return opened.get();
    }

    @Override
    public int activeSessions() {
        return sessions.size();
    }

    /**
     * Ends every session and opens no more. Standalone streams close at once; a session ends, with
     * its other streams, once the requests in flight in it are answered (the core answers those
     * still running when the shutdown grace ends), so that no answer is lost with its stream.
     */
    @Override
    public void closeAll() {
        synchronized (this) {
            stopping = true;
            if (housekeeping != null) {
                housekeeping.stop();
            }
        }
        for (McpSession session : sessions.values()) {
            session.standalone().disconnect();
            session.session().whenIdle(() -> end(session));
        }
    }

    /** Ends the sessions left idle, and keeps the streams of the others alive. */
    void houseKeep() {
        long now = System.nanoTime();
        for (McpSession session : sessions.values()) {
            if (session.isIdle(now, idleNanos)) {
                end(session);
            } else {
                session.keepAlive(now, STALL_NANOS);
            }
        }
    }

    private void startHousekeeping() {
        if (housekeeping == null) {
            housekeeping = Housekeeping.start("mcp-stream-keepalive");
            housekeeping.every(KEEP_ALIVE_MILLIS, this::houseKeep);
        }
    }

    private void end(McpSession session) {
        if (sessions.remove(session.id(), session)) {
            session.close();
        }
    }
}
