package io.clgmcp.server.genealogy;

/**
 * The site could not give what a tool asked for: unreachable, too slow, no such page, a server
 * error, or a page not recognised. The message is written for a person and becomes the tool's error
 * result as it is.
 */
final class SiteException extends Exception {
    private static final long serialVersionUID = 1L;

    SiteException(String message) {
        super(message);
    }

    SiteException(String message, Throwable cause) {
        super(message, cause);
    }
}
