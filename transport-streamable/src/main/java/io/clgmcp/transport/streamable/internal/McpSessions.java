package io.clgmcp.transport.streamable.internal;

import io.clgmcp.core.LongLivedStreams;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.core.cluster.ClusterUnavailableException;
import io.clgmcp.core.cluster.SessionRecord;
import io.clgmcp.core.internal.Housekeeping;
import io.clgmcp.core.internal.SecureIds;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.transport.streamable.StreamableHttpOptions;
import io.clgmcp.transport.streamable.StreamableStatistics;
import java.time.Duration;
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
 *
 * <p>In a cluster ({@link #clustered}) the sessions live in the store, which decides whether one
 * exists and when it expires; this instance holds copies of those it has served lately, and forgets
 * a copy left idle without ending the session.
 */
public final class McpSessions implements LongLivedStreams, StreamableStatistics {
    private static final System.Logger LOG = System.getLogger(McpSessions.class.getName());

    /** How often open streams get a keep-alive comment and idle sessions are swept. */
    static final long KEEP_ALIVE_MILLIS = 15_000;

    /** How long a stream may take nothing before its client is taken to be gone. */
    private static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(4 * KEEP_ALIVE_MILLIS);

    private final Map<String, McpSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong opened = new AtomicLong();
    private final long idleNanos;
    private final int historySize;
    private final long retryMillis;
    private final ClusterSessions cluster;
    private Housekeeping housekeeping;
    private boolean stopping;

    public McpSessions(StreamableHttpOptions options) {
        this(options, null);
    }

    private McpSessions(StreamableHttpOptions options, ClusterSessions cluster) {
        this.idleNanos = TimeUnit.MILLISECONDS.toNanos(options.sessionIdleTimeoutMillis());
        this.historySize = options.eventHistory();
        this.retryMillis = options.retryMillis();
        this.cluster = cluster;
    }

    /**
     * The sessions of one instance of a cluster, kept in the store so that any instance serves any
     * request of them; what the other instances say about them is heard from now on.
     */
    public static McpSessions clustered(
            StreamableHttpOptions options, ClusterStore store, McpServer server) {
        McpSessions sessions =
                new McpSessions(
                        options,
                        new ClusterSessions(
                                store,
                                server,
                                Duration.ofMillis(options.sessionIdleTimeoutMillis()),
                                options.eventHistory()));
        sessions.cluster.listen(
                id -> Optional.ofNullable(sessions.sessions.get(id)), sessions::end);
        return sessions;
    }

    /** Opens a session whose id nobody can guess; empty once the server is stopping. */
    Optional<McpSession> open(String caller) {
        synchronized (this) {
            if (stopping) {
                return Optional.empty();
            }
            startHousekeeping();
        }
        McpSession session = create(SecureIds.next(), caller, System.nanoTime());
        sessions.put(session.id(), session);
        opened.incrementAndGet();
        return Optional.of(session);
    }

    private McpSession create(String id, String caller, long now) {
        return new McpSession(
                id,
                caller,
                cluster == null ? "" : cluster.store().instanceId(),
                cluster == null ? any -> new SessionEvents(historySize) : cluster::historyOf,
                retryMillis,
                now);
    }

    /**
     * The live session of that id, when the same caller opened it; any other caller learns nothing
     * about it. Finding a session counts as using it.
     */
    Optional<McpSession> find(String id, String caller) {
        long now = System.nanoTime();
        if (cluster != null) {
            return findStored(id, caller, now);
        }
        McpSession session = sessions.get(id);
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

    /**
     * A session as the store has it, through this instance's copy, made now when there is none; a
     * copy of a session that ended elsewhere or expired is forgotten.
     */
    private Optional<McpSession> findStored(String id, String caller, long now) {
        Optional<SessionRecord> record =
                cluster.use(id).filter(stored -> stored.caller().equals(caller));
        if (record.isEmpty()) {
            McpSession stale = sessions.get(id);
            if (stale != null && stale.caller().equals(caller)) {
                end(stale);
            }
            return Optional.empty();
        }
        McpSession session =
                sessions.computeIfAbsent(id, any -> create(id, record.get().caller(), now));
        cluster.restore(session, record.get());
        session.used(now);
        return Optional.of(session);
    }

    /**
     * Tells the cluster what this request changed in the session (its handshake, log level,
     * subscriptions), before its answer lets the client send the next one, perhaps elsewhere.
     */
    void changed(McpSession session) {
        if (cluster != null) {
            cluster.saveIfChanged(session);
        }
    }

    /**
     * Passes a client's notification or response to the other instances of a cluster, where the
     * request it concerns may be running.
     */
    void forward(McpSession session, JsonRpcMessage message) {
        if (cluster != null) {
            cluster.forward(session, message);
        }
    }

    /**
     * In a cluster, answers at once a request whose stream was just resumed here when the instance
     * running it has gone; later, the housekeeping does.
     */
    void resumed(McpSession session) {
        if (cluster != null) {
            try {
                cluster.answerOrphans(session);
            } catch (ClusterUnavailableException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "could not tell whether a resumed request's instance lives: "
                                + e.getMessage());
            }
        }
    }

    /** Ends a session that never got under way: its handshake failed or could not be stored. */
    void discard(McpSession session) {
        end(session);
    }

    /** Ends a session; false when there was no such live session for this caller. */
    boolean close(String id, String caller) {
        Optional<McpSession> session = find(id, caller);
        session.ifPresent(this::end);
        if (cluster != null) {
            session.ifPresent(cluster::remove);
        }
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

    /**
     * Ends the sessions left idle, and keeps the streams of the others alive. In a cluster an idle
     * copy is only forgotten, and a session with a stream open here stays alive in the store.
     */
    void houseKeep() {
        long now = System.nanoTime();
        for (McpSession session : sessions.values()) {
            if (session.isIdle(now, idleNanos)) {
                end(session);
            } else {
                session.keepAlive(now, STALL_NANOS);
                if (cluster != null && session.hasStreams()) {
                    keepStored(session);
                }
            }
        }
    }

    private void keepStored(McpSession session) {
        try {
            cluster.use(session.id());
            cluster.answerOrphans(session);
        } catch (ClusterUnavailableException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "could not keep a session with an open stream alive: " + e.getMessage());
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
