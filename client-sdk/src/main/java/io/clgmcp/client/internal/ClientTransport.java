package io.clgmcp.client.internal;

import io.clgmcp.core.jsonrpc.JsonRpcMessage;

/**
 * One way of carrying JSON-RPC messages between this client and a server: plain HTTP POST, the seed
 * SSE protocol, MCP Streamable HTTP, MCP 2024-11-05 HTTP+SSE, or the stdio of a launched server. A
 * transport delivers every message the server sends (responses, notifications, server requests) to
 * its {@link Inbound}, from any thread, and reports its end exactly once.
 */
public interface ClientTransport extends AutoCloseable {
    /**
     * Connects (opens the streams this transport needs) and starts delivering inbound messages.
     *
     * @throws McpTransportFailure when the server cannot be reached or refuses the connection
     */
    void start(Inbound inbound);

    /**
     * Sends one message. Returns once the server has accepted it (the HTTP exchange succeeded, or
     * the line is written to the launched server's standard input); what the server answers arrives
     * through the {@link Inbound}.
     *
     * @throws McpTransportFailure when the message could not be delivered
     */
    void send(JsonRpcMessage message);

    /**
     * Learns the protocol version agreed at {@code initialize}, for transports that must name it on
     * later exchanges ({@code MCP-Protocol-Version}); the others ignore it.
     */
    default void negotiated(String protocolVersion) {}

    /** Closes every stream and ends the session where the transport has one; idempotent. */
    @Override
    void close();

    /** Where a transport hands what the server sends. */
    interface Inbound {
        void onMessage(JsonRpcMessage message);

        /**
         * The transport lost what it cannot recover (the SSE connection and with it the server's
         * session, or the launched server itself): requests in flight will never be answered.
         */
        void onLost(McpTransportFailure failure);
    }
}
