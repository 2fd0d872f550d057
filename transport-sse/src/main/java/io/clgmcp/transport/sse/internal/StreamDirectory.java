package io.clgmcp.transport.sse.internal;

import io.clgmcp.core.cluster.ClusterStore;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Where the SSE streams of every instance are known: nowhere beyond this instance when it runs
 * alone ({@link #ALONE}), or a {@link ClusterStore} when it is one of several. A stream that this
 * instance does not hold may be held by another, which a message for it is forwarded to.
 */
interface StreamDirectory {
    /** An instance on its own: its streams are all there are, and it is their only judge. */
    StreamDirectory ALONE =
            new StreamDirectory() {
                @Override
                public ClusterStore.Admission admit(String id, String caller, String limitKey) {
                    return ClusterStore.Admission.ADMITTED;
                }

                @Override
                public void renew(Collection<SseConnection> open) {}

                @Override
                public void remove(String id, String caller, String limitKey) {}

                @Override
                public boolean forward(Forwarded message) {
                    return false;
                }

                @Override
                public void listen(Consumer<Forwarded> local) {}
            };

    /** Records a stream about to open here, when the limits admit it. */
    ClusterStore.Admission admit(String id, String caller, String limitKey);

    /** Says that this instance still holds these streams. */
    void renew(Collection<SseConnection> open);

    /** Forgets a stream that ended here, or never opened. */
    void remove(String id, String caller, String limitKey);

    /**
     * Hands a message to the instance holding its stream; false when no live instance holds a
     * stream of that id for that caller.
     */
    boolean forward(Forwarded message);

    /** Hands every message another instance forwards to this one to {@code local}. */
    void listen(Consumer<Forwarded> local);

    /** A POSTed message for a stream, as one instance hands it to another. */
    record Forwarded(
            String connectionId,
            String caller,
            InboundPosts.Dialect dialect,
            JsonRpcMessage message) {}
}
