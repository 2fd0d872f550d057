package io.clgmcp.core;

import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The responses one exchange waits for (a POST's, a batch's), in the order of the messages that
 * asked for them. A slot is either filled at once (an error about a malformed element) or by the
 * server through the sink that {@link #slot} hands out; what else the server sends to such a sink
 * (notifications, its own requests) is dropped, as plain HTTP cannot carry it, or passed on to the
 * sink a streaming transport names. A slot whose request was cancelled (possible within one batch)
 * settles empty and is left out. Once {@linkplain #seal sealed}, completes when every slot has
 * settled.
 */
public final class Replies {
    private final List<JsonRpcResponse> slots = new ArrayList<>();
    private final BitSet settled = new BitSet();
    private final CompletableFuture<List<JsonRpcResponse>> all = new CompletableFuture<>();
    private int missing;
    private boolean sealed;

    /** Reserves the next slot, to be settled by what the server sends to the returned sink. */
    public MessageSink slot() {
        return slot(MessageSink.DISCARD);
    }

    /**
     * Reserves the next slot, to be settled by the response the server sends to the returned sink;
     * the other messages sent there go on to {@code others}.
     */
    public synchronized MessageSink slot(MessageSink others) {
        int index = slots.size();
        slots.add(null);
        missing++;
        return new MessageSink() {
            @Override
            public void send(JsonRpcMessage message) {
                if (message instanceof JsonRpcResponse response) {
                    settle(index, response);
                } else {
                    others.send(message);
                }
            }

            @Override
            public void noResponse(JsonRpcId request) {
                settle(index, null);
            }
        };
    }

    /** Adds a response already known. */
    public synchronized void add(JsonRpcResponse response) {
        settled.set(slots.size());
        slots.add(response);
    }

    public synchronized boolean isEmpty() {
        return slots.isEmpty();
    }

    /** Ends the reservations: the future completes once every reserved slot has settled. */
    public synchronized CompletableFuture<List<JsonRpcResponse>> seal() {
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
