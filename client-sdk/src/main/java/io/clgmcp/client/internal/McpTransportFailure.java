package io.clgmcp.client.internal;

/**
 * What a transport reports when it cannot deliver: the HTTP status (0 when there was no HTTP
 * answer) and a message for a person. {@link io.clgmcp.client.McpClient} turns it into the public
 * exception that fits.
 */
public final class McpTransportFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    public McpTransportFailure(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public McpTransportFailure(int status, String message) {
        this(status, message, null);
    }

    /** The HTTP status the server answered with; 0 when it gave none. */
    public int status() {
        return status;
    }
}
