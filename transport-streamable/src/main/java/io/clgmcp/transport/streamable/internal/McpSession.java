package io.clgmcp.transport.streamable.internal;

import io.clgmcp.core.Session;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One Streamable HTTP session: the core {@link Session}, the caller that opened it, its event
 * history, and its streams. Messages that answer no request (resource updates, say) go to its
 * standalone stream, the one a client opens with {@code GET /mcp}.
 */
final class McpSession {
    /** The first revision whose clients resume streams closed by the server (SEP-1699). */
    private static final String RESUMING_REVISION = "2025-11-25";

    private final Session session;
    private final String caller;
    private final String instance;

    /** The standalone stream's id in the history, on every instance. */
    static final String STANDALONE = "standalone";

    private final EventHistory events;
    private final StreamChannel standalone;
    private final long retryMillis;
    private final Set<StreamChannel> connected = ConcurrentHashMap.newKeySet();
    private volatile long lastUsed;
    private volatile Stored stored = new Stored("", -1);
    private volatile boolean closed;

    /**
     * A session whose history {@code events} makes for it (it is the one place it is kept), served
     * here by {@code instance} (empty on a server on its own).
     */
    McpSession(
            String id,
            String caller,
            String instance,
            Function<McpSession, EventHistory> events,
            long retryMillis,
            long now) {
        this.caller = caller;
        this.instance = instance;
        this.retryMillis = retryMillis;
        this.standalone = new StreamChannel(this, STANDALONE, false);
        this.session = new Session(id, standalone);
        this.lastUsed = now;
        this.events = events.apply(this);
    }

    String id() {
        return session.id();
    }

    Session session() {
        return session;
    }

    String caller() {
        return caller;
    }

    EventHistory events() {
        return events;
    }

    StreamChannel standalone() {
        return standalone;
    }

    /** A new stream for the messages of one request, which this instance runs. */
    StreamChannel requestChannel(JsonRpcId request) {
        return new StreamChannel(this, RequestChannels.id(instance, request), true);
    }

    /**
     * The channel of that id in the history: the standalone one, or a request's, which on this
     * instance is a new channel that replays the request's events and follows the ones to come.
     */
    StreamChannel channel(String id) {
        return STANDALONE.equals(id) ? standalone : new StreamChannel(this, id, true);
    }

    /**
     * Has the connected channels of that id write what other instances added to the history, up to
     * event {@code eventId} at least.
     */
    void catchUp(String channelId, long eventId) {
        for (StreamChannel channel : connected) {
            if (channel.id().equals(channelId)) {
                channel.catchUp(eventId);
            }
        }
    }

    /**
     * Answers, with an error, the requests whose streams are open here but whose instance is no
     * longer alive, as no answer can come from it any more.
     */
    void answerOrphans(Predicate<String> alive) {
        for (StreamChannel channel : connected) {
            channel.answerIfOrphaned(instance, alive);
        }
    }

    /** Whether any stream of the session is open on this instance. */
    boolean hasStreams() {
        return !connected.isEmpty();
    }

    /**
     * Whether the client resumes streams the server ends early, so that the server may announce a
     * retry delay, prime streams with an event id, and close them to be polled.
     */
    boolean canResume() {
        return session.protocolVersion()
                .map(v -> v.compareTo(RESUMING_REVISION) >= 0)
                .orElse(false);
    }

    /**
     * The state as the cluster's store last had it, as JSON (empty on a server on its own), and the
     * core session's {@link Session#stateVersion} when it matched.
     */
    record Stored(String state, long version) {}

    Stored stored() {
        return stored;
    }

    void stored(Stored state) {
        stored = state;
    }

    long retryMillis() {
        return retryMillis;
    }

    void used(long now) {
        lastUsed = now;
    }

    /** Idle: unused for the timeout, and no stream open (an open stream is use). */
    boolean isIdle(long now, long idleNanos) {
        return connected.isEmpty() && now - lastUsed > idleNanos;
    }

    /** Counts a channel's connection as open; false when the session has ended. */
    boolean connected(StreamChannel channel) {
        connected.add(channel);
        if (closed) {
            connected.remove(channel);
            return false;
        }
        return true;
    }

    /** Keeps every open stream of the session alive, ending those whose client is gone. */
    void keepAlive(long nowNanos, long stallNanos) {
        List.copyOf(connected).forEach(channel -> channel.keepAlive(nowNanos, stallNanos));
    }

    void disconnected(StreamChannel channel) {
        connected.remove(channel);
        lastUsed = System.nanoTime();
    }

    boolean isClosed() {
        return closed;
    }

    /** Ends the session: its streams close and the core session fails what awaits the client. */
    void close() {
        closed = true;
        List.copyOf(connected).forEach(StreamChannel::disconnect);
        session.close();
    }
}
