package io.clgmcp.transport.jsonrpc.internal;

import io.clgmcp.core.MessageSink;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The responses one POST waits for, in the order of the messages that asked for them. A slot is
 * either filled at once (an error about a malformed element) or by the server through the sink that
 * {@link #slot} hands out; notifications sent to such a sink are dropped, as plain HTTP cannot
 * carry them. A slot whose request was cancelled (possible within one batch) settles empty and is
 * left out. Once {@linkplain #seal sealed}, completes when every slot has settled.
 */
final class Replies {
    private final List<JsonRpcResponse> slots = new ArrayList<>();
    private final BitSet settled = new BitSet();
    private final CompletableFuture<List<JsonRpcResponse>> all = new CompletableFuture<>();
    private int missing;
    private boolean sealed;

    /** Reserves the next slot, to be settled by what the server sends to the returned sink. */
    synchronized MessageSink slot() {
        int index = slots.size();
        slots.add(null);
        missing++;
        return new MessageSink() {
            @Override
            public void send(JsonRpcMessage message) {
                if (message instanceof JsonRpcResponse response) {
                    settle(index, response);
                }
            }

            @Override
            public void noResponse(JsonRpcId request) {
                settle(index, null);
            }
        };
    }

    /** Adds a response already known. */
    synchronized void add(JsonRpcResponse response) {
        settled.set(slots.size());
        slots.add(response);
    }

    synchronized boolean isEmpty() {
        return slots.isEmpty();
    }

    /** Ends the reservations: the future completes once every reserved slot has settled. */
    synchronized CompletableFuture<List<JsonRpcResponse>> seal() {
        sealed = true;
        completeIfSettled();
        return all;
    }

    private synchronized void settle(int index, JsonRpcResponse response) {
        if (!settled.get(index)) {
            settled.set(index);
            slots.set(index, response);
            missing--;
            completeIfSettled();
        }
    }

    private void completeIfSettled() {
        if (sealed && missing == 0) {
            List<JsonRpcResponse> answered = new ArrayList<>(slots.size());
            for (JsonRpcResponse response : slots) {
                if (response != null) {
                    answered.add(response);
                }
            }
            all.complete(answered);
        }
    }
}
