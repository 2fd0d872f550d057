package io.clgmcp.servlet;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where the HTTP layer reports each request it turns away, so that an operator can see abuse: the
 * application counts them for {@code /health} and logs them. Transports call it for the refusals
 * only they can make (an SSE connection limit, a Streamable HTTP {@code Origin}).
 */
public interface Refusals {
    /** Reports nothing; for a transport used without the application. */
    Refusals NONE = (reason, request) -> {};

    /** Why a request was turned away. */
    enum Reason {
        /** No, a malformed or an unknown credential (401). */
        AUTH,
        /** Over the caller's request rate (429). */
        RATE,
        /** Over the server's or the caller's limit of open streams (503 or 429). */
        CONNECTION_LIMIT,
        /** From a browser origin that may not call this server (403). */
        ORIGIN
    }

    /** Records that this request was refused for this reason; called once per refusal. */
    void refused(Reason reason, HttpServletRequest request);
}
