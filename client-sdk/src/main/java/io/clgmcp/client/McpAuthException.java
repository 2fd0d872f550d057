package io.clgmcp.client;

/** The server refused the client's credentials (HTTP 401) or its access (403). */
public final class McpAuthException extends McpClientException {
    private static final long serialVersionUID = 1L;

    private final int status;

    McpAuthException(int status, String message) {
        super(message, null);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
