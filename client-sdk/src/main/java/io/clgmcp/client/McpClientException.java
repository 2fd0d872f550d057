package io.clgmcp.client;

/**
 * Why a client operation failed. Its subclasses say which way: {@link McpErrorException} (the
 * server answered with a JSON-RPC error), {@link McpAuthException} (refused credentials), {@link
 * McpTimeoutException} (no answer in time) and {@link McpTransportException} (the connection).
 */
public class McpClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    McpClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
