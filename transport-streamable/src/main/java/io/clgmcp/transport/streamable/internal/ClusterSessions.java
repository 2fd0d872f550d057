package io.clgmcp.transport.streamable.internal;

import com.google.gson.JsonObject;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.MessageSink;
import io.clgmcp.core.SessionState;
import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.core.cluster.SessionRecord;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The Streamable HTTP sessions of a cluster, in its {@link ClusterStore}: a session's record (its
 * caller and {@link SessionState}) and its event history, so that any instance serves any request
 * of it from a copy of its own. The instances tell each other on the {@value #TOPIC} topic:
 *
 * <pre>
 * {"kind":"event","session":"...","channel":"...","id":7}  a channel's history grew: its stream catches up
 * {"kind":"inbound","from":"...","session":"...","message":{...}}  a client's notification or answer
 * {"kind":"closed","session":"..."}                       the client ended the session
 * </pre>
 */
final class ClusterSessions {
    static final String TOPIC = "streamable";

    private final ClusterStore store;
    private final McpServer server;
    private final Duration idleTimeout;
    private final int historySize;

    ClusterSessions(ClusterStore store, McpServer server, Duration idleTimeout, int historySize) {
        this.store = store;
        this.server = server;
        this.idleTimeout = idleTimeout;
        this.historySize = historySize;
    }

    ClusterStore store() {
        return store;
    }

    EventHistory historyOf(McpSession session) {
        return new StoredEvents(this, session, historySize);
    }

    /** The session's record, which counts as using it; empty when it ended or expired. */
    Optional<SessionRecord> use(String id) {
        return store.sessions().use(id, idleTimeout);
    }

    /** Brings this instance's copy of a session to its stored state, when that changed. */
    void restore(McpSession copy, SessionRecord record) {
        if (!record.state().equals(copy.stored().state())) {
            server.restore(copy.session(), SessionState.fromJson(record.state()));
            copy.stored(new McpSession.Stored(record.state(), copy.session().stateVersion()));
        }
    }

    /**
     * Stores the session's state when this instance changed it, for the next instance to serve it;
     * the state's version spares writing it out as JSON for the many requests that change nothing.
     */
    void saveIfChanged(McpSession session) {
        long version = session.session().stateVersion();
        McpSession.Stored stored = session.stored();
        if (version == stored.version()) {
            return;
        }
        String state = session.session().state().toJson();
        if (!state.equals(stored.state())) {
            store.sessions()
                    .save(new SessionRecord(session.id(), session.caller(), state), idleTimeout);
        }
        session.stored(new McpSession.Stored(state, version));
    }

    /** Ends the session for every instance. */
    void remove(McpSession session) {
        store.sessions().remove(session.id());
        store.messages().broadcast(TOPIC, JsonRpcCodec.toText(message("closed", session.id())));
    }

    /**
     * Passes a client's notification or response on to the other instances, as the request it
     * answers or cancels may be running on one of them; each ignores what is not its own.
     */
    void forward(McpSession session, JsonRpcMessage inbound) {
        JsonObject message = message("inbound", session.id());
        message.addProperty("from", store.instanceId());
        message.add("message", JsonRpcCodec.toJson(inbound));
        store.messages().broadcast(TOPIC, JsonRpcCodec.toText(message));
    }

    /** Answers the requests of streams resumed here whose instance has gone. */
    void answerOrphans(McpSession session) {
        session.answerOrphans(instance -> store.instances().isAlive(instance));
    }

    /** Tells the instances that a channel's history grew. */
    void announce(String sessionId, String channelId, long eventId) {
        JsonObject message = message("event", sessionId);
        message.addProperty("channel", channelId);
        message.addProperty("id", eventId);
        store.messages().broadcast(TOPIC, JsonRpcCodec.toText(message));
    }

    /**
     * Acts on what other instances say about sessions this one holds a copy of ({@code local}):
     * streams catch up, answers reach their requests, ended sessions end here too ({@code end}).
     */
    void listen(Function<String, Optional<McpSession>> local, Consumer<McpSession> end) {
        store.messages()
                .listen(
                        TOPIC,
                        text -> {
                            JsonObject message = JsonRpcCodec.parse(text).getAsJsonObject();
                            local.apply(message.get("session").getAsString())
                                    .ifPresent(session -> heard(message, session, end));
                        });
    }

    private void heard(JsonObject message, McpSession session, Consumer<McpSession> end) {
        switch (message.get("kind").getAsString()) {
            case "event" ->
                    session.catchUp(
                            message.get("channel").getAsString(), message.get("id").getAsLong());
            case "inbound" -> {
                if (!store.instanceId().equals(message.get("from").getAsString())) {
                    server.receive(
                            session.session(),
                            JsonRpcCodec.decode(message.get("message")),
                            MessageSink.DISCARD);
                }
            }
            case "closed" -> end.accept(session);
            default -> {}
        }
    }

    private static JsonObject message(String kind, String sessionId) {
        JsonObject message = new JsonObject();
        message.addProperty("kind", kind);
        message.addProperty("session", sessionId);
        return message;
    }
}
