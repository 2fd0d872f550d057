package io.clgmcp.core.cluster;

/** The cluster's store cannot be reached; the message says which and why, never a password. */
public final class ClusterUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
