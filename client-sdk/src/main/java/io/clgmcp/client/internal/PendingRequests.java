package io.clgmcp.client.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The requests a client has sent and awaits answers to, with the progress listener of each (by
 * progress token). Ids count up from 1 per client.
 */
public final class PendingRequests {
    /** One request in flight: its id and the response it awaits. */
    public record Pending(JsonRpcId id, CompletableFuture<JsonRpcResponse> response) {}

    private final AtomicLong nextId = new AtomicLong();
    private final Map<JsonRpcId, CompletableFuture<JsonRpcResponse>> waiting =
            new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonElement>> progress = new ConcurrentHashMap<>();

    public Pending open() {
        JsonRpcId id = JsonRpcId.of(nextId.incrementAndGet());
        CompletableFuture<JsonRpcResponse> response = new CompletableFuture<>();
        waiting.put(id, response);
        response.whenComplete((value, failure) -> forget(id));
        return new Pending(id, response);
    }

    /** Hears the progress notifications sent for a request, by its progress token. */
    public void onProgress(JsonRpcId token, Consumer<JsonElement> listener) {
        progress.put(token.toJson().getAsString(), listener);
    }

    /** Delivers a response; false when no request of that id awaits one. */
    public boolean complete(JsonRpcResponse response) {
        CompletableFuture<JsonRpcResponse> future =
                response.id() == null ? null : waiting.get(response.id());
        return future != null && future.complete(response);
    }

    /** Delivers a progress notification's params to its request's listener, if any. */
    public void progress(JsonPrimitive token, JsonElement params) {
        Consumer<JsonElement> listener = progress.get(token.getAsString());
        if (listener != null) {
            listener.accept(params);
        }
    }

    /** Fails every request in flight. */
    public void failAll(RuntimeException failure) {
        waiting.values().forEach(future -> future.completeExceptionally(failure));
    }

    private void forget(JsonRpcId id) {
        waiting.remove(id);
        progress.remove(id.toJson().getAsString());
    }
}
