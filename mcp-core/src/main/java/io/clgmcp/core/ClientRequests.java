package io.clgmcp.core;

import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The requests a session's server has sent its client and awaits answers to. Ids are the server's
 * own ({@code "s-5c1e09a2-1"}, {@code "s-5c1e09a2-2"}, ...), so a response can only complete a
 * request this session sent; their random part differs between copies of one session on several
 * instances of a cluster, so that each instance knows which answers are its own.
 */
final class ClientRequests {
    private final String prefix =
            "s-" + Integer.toHexString(ThreadLocalRandom.current().nextInt()) + "-";
    private final AtomicLong nextId = new AtomicLong();
    private final Map<JsonRpcId, CompletableFuture<JsonRpcResponse>> pending =
            new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Reserves an id for a new request and the future its response will complete. */
    Pending open() {
        JsonRpcId id = JsonRpcId.of(prefix + nextId.incrementAndGet());
        CompletableFuture<JsonRpcResponse> response = new CompletableFuture<>();
        pending.put(id, response);
        if (closed) {
            pending.remove(id);
            response.cancel(false);
        }
        return new Pending(id, response);
    }

    /** Delivers a client's response; false when no request of that id awaits one. */
    boolean complete(JsonRpcResponse response) {
        CompletableFuture<JsonRpcResponse> waiting =
                response.id() == null ? null : pending.remove(response.id());
        return waiting != null && waiting.complete(response);
    }

    /** Stops waiting for a response (timed out, or the caller gave up). */
    void abandon(JsonRpcId id) {
        pending.remove(id);
    }

    /** Ends every wait: the session is over and no response can come. */
    void close() {
        closed = true;
        pending.values().forEach(waiting -> waiting.cancel(false));
        pending.clear();
    }

    /** A request's id and the response it awaits. */
    record Pending(JsonRpcId id, CompletableFuture<JsonRpcResponse> response) {}
}
