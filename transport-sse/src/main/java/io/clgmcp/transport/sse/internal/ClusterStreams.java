package io.clgmcp.transport.sse.internal;

import com.google.gson.JsonObject;
import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.core.cluster.StreamRecord;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The SSE streams of a cluster, in its {@link ClusterStore}: each stream's record names the
 * instance holding it and its caller, lives while that instance renews it with its heartbeats, and
 * counts against the cluster-wide limits. A message POSTed to one instance for a stream another
 * holds goes to that one on the {@value #TOPIC} topic:
 *
 * <pre>{"connectionId":"conn_...","caller":"...","dialect":"SEED","message":{"jsonrpc":"2.0",...}}
 * </pre>
 */
final class ClusterStreams implements StreamDirectory {
    static final String TOPIC = "sse";

    private final ClusterStore store;
    private final int maxStreams;
    private final int maxPerCaller;
    private final Duration ttl;

    ClusterStreams(ClusterStore store, int maxStreams, int maxPerCaller, Duration ttl) {
        this.store = store;
        this.maxStreams = maxStreams;
        this.maxPerCaller = maxPerCaller;
        this.ttl = ttl;
    }

    @Override
    public void listen(Consumer<Forwarded> local) {
        store.messages().listen(TOPIC, text -> local.accept(decode(text)));
    }

    @Override
    public ClusterStore.Admission admit(String id, String caller, String limitKey) {
        return store.streams()
                .admit(
                        new StreamRecord(id, store.instanceId(), caller, limitKey),
                        maxStreams,
                        maxPerCaller,
                        ttl);
    }

    @Override
    public void renew(Collection<SseConnection> open) {
        if (!open.isEmpty()) {
            store.streams().renew(open.stream().map(this::recordOf).toList(), ttl);
        }
    }

    @Override
    public void remove(String id, String caller, String limitKey) {
        store.streams().remove(new StreamRecord(id, store.instanceId(), caller, limitKey));
    }

    /**
     * Sends the message to the stream's owner. An owner that no longer listens has gone with its
     * streams, so its record goes too, and the stream is as unknown as it would be on one server.
     */
    @Override
    public boolean forward(Forwarded message) {
        Optional<StreamRecord> stream =
                store.streams()
                        .find(message.connectionId())
                        .filter(record -> record.caller().equals(message.caller()))
                        .filter(record -> !record.owner().equals(store.instanceId()));
        if (stream.isEmpty()) {
            return false;
        }
        if (store.messages().send(stream.get().owner(), TOPIC, encode(message))) {
            return true;
        }
        store.streams().remove(stream.get());
        return false;
    }

    private StreamRecord recordOf(SseConnection connection) {
        return new StreamRecord(
                connection.id(), store.instanceId(), connection.caller(), connection.limitKey());
    }

    private static String encode(Forwarded message) {
        JsonObject json = new JsonObject();
        json.addProperty("connectionId", message.connectionId());
        json.addProperty("caller", message.caller());
        json.addProperty("dialect", message.dialect().name());
        json.add("message", JsonRpcCodec.toJson(message.message()));
        return JsonRpcCodec.toText(json);
    }

    private static Forwarded decode(String text) {
        JsonObject json = JsonRpcCodec.parse(text).getAsJsonObject();
        return new Forwarded(
                json.get("connectionId").getAsString(),
                json.get("caller").getAsString(),
                InboundPosts.Dialect.valueOf(json.get("dialect").getAsString()),
                JsonRpcCodec.decode(json.get("message")));
    }
}
