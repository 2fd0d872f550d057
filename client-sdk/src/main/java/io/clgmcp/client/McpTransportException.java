package io.clgmcp.client;

/**
 * The client could not reach the server, or lost the connection a request depended on; {@link
 * #status} is the HTTP status when the server answered with an unexpected one.
 */
public final class McpTransportException extends McpClientException {
    private static final long serialVersionUID = 1L;

    private final int status;

    McpTransportException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the failed exchange; 0 when there was none. */
    public int status() {
        return status;
    }
}
