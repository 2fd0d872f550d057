package io.clgmcp.core;

import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;

/**
 * Where the server's outbound messages go: the body of a POST's reply, an SSE stream, a session's
 * stream. A transport provides one; the server calls it from any thread, in the order the messages
 * are produced.
 */
@FunctionalInterface
public interface MessageSink {
    /** A sink for a client that cannot hear anything but the answers it waits for. */
    MessageSink DISCARD = message -> {};

    void send(JsonRpcMessage message);

    /**
     * The request will get no response, because the client cancelled it; a transport that holds an
     * exchange open for the response ends it now. Nothing more is sent for that request.
     */
    default void noResponse(JsonRpcId request) {}

    /**
     * Ends the stream carrying these messages early, if the transport can resume it later; what is
     * sent afterwards waits for the client to reconnect. Transports that cannot resume ignore it.
     */
    default void closeStream() {}
}
