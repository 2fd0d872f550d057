package io.clgmcp.transport.jsonrpc.internal;

import io.clgmcp.core.MessageSink;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The responses one POST waits for, in the order of the messages that asked for them. A slot is
 * either filled at once (an error about a malformed element) or by the server through the sink that
 * {@link #slot} hands out; notifications sent to such a sink are dropped, as plain HTTP cannot
 * carry them. Once {@linkplain #seal sealed}, completes when every slot is filled.
 */
final class Replies {
    private final List<JsonRpcResponse> slots = new ArrayList<>();
    private final CompletableFuture<List<JsonRpcResponse>> all = new CompletableFuture<>();
    private int missing;
    private boolean sealed;

    /** Reserves the next slot, to be filled by the first response sent to the returned sink. */
    synchronized MessageSink slot() {
        int index = slots.size();
        slots.add(null);
        missing++;
        return message -> {
            if (message instanceof JsonRpcResponse response) {
                fill(index, response);
            }
        };
    }

    /** Adds a response already known. */
    synchronized void add(JsonRpcResponse response) {
        slots.add(response);
    }

    synchronized boolean isEmpty() {
        return slots.isEmpty();
    }

    /** Ends the reservations: the future completes once every reserved slot is filled. */
    synchronized CompletableFuture<List<JsonRpcResponse>> seal() {
        sealed = true;
        completeIfFull();
        return all;
    }

    private synchronized void fill(int index, JsonRpcResponse response) {
        if (slots.get(index) == null) {
            slots.set(index, response);
            missing--;
            completeIfFull();
        }
    }

    private void completeIfFull() {
        if (sealed && missing == 0) {
            all.complete(List.copyOf(slots));
        }
    }
}
