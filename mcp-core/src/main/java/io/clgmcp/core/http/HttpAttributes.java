package io.clgmcp.core.http;

/** Names of the servlet request attributes that the application and its transports share. */
public final class HttpAttributes {
    /**
     * Who is calling, as authentication established it: an opaque string that is the same for every
     * request made with the same credentials (under OAuth, with tokens of the same subject) and
     * reveals nothing of them. Absent when access is open. Transports use it to keep one caller's
     * connections from another.
     */
    public static final String CALLER = "io.clgmcp.caller";

    private HttpAttributes() {}
}
