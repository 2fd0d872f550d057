package io.clgmcp.transport.stdio;

import java.time.Duration;

/**
 * The server's one connection over standard input and output, as the MCP stdio transport defines
 * it: each line is one JSON-RPC message (or batch) in UTF-8, in either direction, and nothing else
 * is written to the output.
 *
 * <pre>
 * stdin   {"jsonrpc":"2.0","id":1,"method":"ping"}
 * stdout  {"jsonrpc":"2.0","id":1,"result":{}}
 * </pre>
 *
 * <p>A graceful shutdown ({@link io.clgmcp.core.LongLivedStreams#closeAll}, which the transport
 * contributes) refuses new requests and ends the connection once the calls in flight are answered.
 */
public interface StdioTransport {
    /**
     * Reads the input on the calling thread, handing each message to the server, until the input
     * ends or cannot be read. Returns then, without waiting for the calls in flight, whose answers
     * are still written; requests the server awaits from the client fail, as it can no longer
     * answer.
     */
    void serve();

    /**
     * Waits for the connection to end: a graceful shutdown has begun and every call in flight has
     * been answered.
     *
     * @return false when the timeout passed first
     */
    boolean awaitEnd(Duration timeout) throws InterruptedException;
}
