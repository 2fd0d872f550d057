package io.clgmcp.core;

import io.clgmcp.core.jsonrpc.JsonRpcError;

/**
 * A request the server sent the client ({@code sampling/createMessage}, {@code elicitation/create},
 * {@code roots/list}) got no result: the client cannot take it, answered with an error, did not
 * answer in time, or went away. A tool that lets it escape fails with its message.
 */
public final class ClientRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient JsonRpcError error;

    ClientRequestException(String message) {
        this(message, null);
    }

    ClientRequestException(String message, JsonRpcError error) {
        super(message, null, false, false);
        this.error = error;
    }

    /** The error the client answered with; null when it gave none. */
    public JsonRpcError clientError() {
        return error;
    }
}
