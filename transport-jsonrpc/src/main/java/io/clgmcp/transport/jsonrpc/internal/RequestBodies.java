package io.clgmcp.transport.jsonrpc.internal;

import io.clgmcp.core.http.HttpFailure;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.McpException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a POSTed JSON body: checks its content type, holds it to a size limit and decodes it as
 * strict UTF-8, refusing each failure with the HTTP status and JSON-RPC error it calls for.
 */
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
        if (!isJson(request.getContentType())) {
            throw refuse(415, "the body must be application/json, not " + request.getContentType());
        }
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw tooLarge();
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new Refused(
                    HttpFailure.jsonRpc(
                            400,
                            null,
                            new McpException(
                                    ErrorCode.PARSE_ERROR, "the body is not valid UTF-8")));
        }
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = (parameters < 0 ? contentType : contentType.substring(0, parameters));
        return mediaType.trim().toLowerCase(Locale.ROOT).equals("application/json");
    }

    private Refused tooLarge() {
        return refuse(413, "the body is larger than " + maxBytes + " bytes");
    }

    private static Refused refuse(int status, String detail) {
        return new Refused(
                HttpFailure.jsonRpc(
                        status, null, new McpException(ErrorCode.INVALID_REQUEST, detail)));
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
