package io.clgmcp.transport.jsonrpc.internal;

import io.clgmcp.core.http.HttpFailure;
import io.clgmcp.core.http.JsonBody;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;

/** Reads a POSTed JSON body, refusing a bad one with a JSON-RPC error response as the reply. */
final class RequestBodies {
    private final int maxBytes;

    RequestBodies(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * The body as text.
     *
     * @throws Refused for a body that is not JSON (415), too large (413) or not UTF-8 (400)
     */
    String read(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            return JsonBody.read(
                    request.getContentType(), request.getContentLengthLong(), in, maxBytes);
        } catch (JsonBody.Refused refused) {
            throw new Refused(HttpFailure.jsonRpc(refused.status(), null, refused.reason()));
        }
    }

    /** A body refused before it was parsed, with the answer to give. */
    static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient HttpFailure failure;

        Refused(HttpFailure failure) {
            super(failure.body(), null);
            this.failure = failure;
        }

        HttpFailure failure() {
            return failure;
        }
    }
}
