package io.clgmcp.core.jsonrpc;

/**
 * A JSON-RPC error code with its standard message. This is the one table of the codes the server
 * answers with; implementation-defined codes come from {@link #serverDefined}.
 */
public record ErrorCode(int code, String message) {
    public static final ErrorCode PARSE_ERROR = new ErrorCode(-32700, "Parse error");
    public static final ErrorCode INVALID_REQUEST = new ErrorCode(-32600, "Invalid Request");
    public static final ErrorCode METHOD_NOT_FOUND = new ErrorCode(-32601, "Method not found");
    public static final ErrorCode INVALID_PARAMS = new ErrorCode(-32602, "Invalid params");
    public static final ErrorCode INTERNAL_ERROR = new ErrorCode(-32603, "Internal error");

    /** The server is saturated (its tool queue is full); the client may retry later. */
    public static final ErrorCode SERVER_BUSY = serverDefined(-32000, "Server busy");

    /** The SSE connection named by a request does not exist, has expired or is not the caller's. */
    public static final ErrorCode CONNECTION_NOT_FOUND =
            serverDefined(-32001, "Connection not found");

    /**
     * The Streamable HTTP session named by a request does not exist, has expired or is not the
     * caller's; the same code as {@link #CONNECTION_NOT_FOUND}, as the official SDKs use.
     */
    public static final ErrorCode SESSION_NOT_FOUND = serverDefined(-32001, "Session not found");

    /** {@code resources/read} named a URI that no resource or template answers (MCP's code). */
    public static final ErrorCode RESOURCE_NOT_FOUND = serverDefined(-32002, "Resource not found");

    /** A tool call, resource read or prompt fill ran past the server's limit and was stopped. */
    public static final ErrorCode REQUEST_TIMEOUT = serverDefined(-32003, "Request timed out");

    /**
     * The server is stopping: a request still running (or waiting for a thread) at the end of the
     * shutdown grace period was stopped, or a request came after it.
     */
    public static final ErrorCode SHUTTING_DOWN = serverDefined(-32004, "Server shutting down");

    /**
     * The caller went over a limit of its own: more requests than {@code RATE_LIMIT_RPS} allows, or
     * more open SSE streams than {@code SSE_MAX_CONNECTIONS_PER_TOKEN}. Sent with HTTP 429 and
     * {@code Retry-After}, the whole seconds after which a retry is admitted.
     */
    public static final ErrorCode RATE_LIMITED = serverDefined(-32005, "Rate limited");

    /**
     * A clustered server cannot reach the store its instances share (Redis), so it cannot tell
     * where a stream or session lives. Sent with HTTP 503 and {@code Retry-After}; the message says
     * what failed.
     */
    public static final ErrorCode CLUSTER_UNAVAILABLE =
            serverDefined(-32006, "Cluster store unavailable");

    private static final int SERVER_DEFINED_MIN = -32099;
    private static final int SERVER_DEFINED_MAX = -32000;

    public ErrorCode {
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("an error code needs a message");
        }
    }

    /**
     * An implementation-defined server error, which JSON-RPC 2.0 reserves to the range -32099 to
     * -32000.
     */
    public static ErrorCode serverDefined(int code, String message) {
        if (code < SERVER_DEFINED_MIN || code > SERVER_DEFINED_MAX) {
            throw new IllegalArgumentException(
                    "implementation-defined codes lie in -32099..-32000, not " + code);
        }
        return new ErrorCode(code, message);
    }
}
