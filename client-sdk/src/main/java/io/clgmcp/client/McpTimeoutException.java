package io.clgmcp.client;

/** A request got no answer within its timeout; the client has told the server to cancel it. */
public final class McpTimeoutException extends McpClientException {
    private static final long serialVersionUID = 1L;

    McpTimeoutException(String message) {
        super(message, null);
    }
}
