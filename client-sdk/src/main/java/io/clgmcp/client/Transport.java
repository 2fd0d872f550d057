package io.clgmcp.client;

/**
 * How a {@link McpClient} talks to a server it reaches by URL. A server it launches ({@link
 * McpClient#builder(java.util.List)}) is always spoken to over the process's stdio.
 */
public enum Transport {
    /** JSON-RPC over plain HTTP POST ({@code /rpc}): requests and answers only, nothing pushed. */
    JSONRPC,
    /**
     * The seed SSE protocol: {@code GET /sse}, messages POSTed to {@code /sse} with a connectionId.
     */
    SSE,
    /** MCP Streamable HTTP (2025-03-26 and later), usually at {@code /mcp}. */
    STREAMABLE,
    /** MCP 2024-11-05 HTTP+SSE: a {@code GET} stream that names the endpoint to POST to. */
    LEGACY_SSE
}
