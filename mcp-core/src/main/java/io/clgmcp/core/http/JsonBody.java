package io.clgmcp.core.http;

import io.clgmcp.core.internal.StrictUtf8;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.McpException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a POSTed JSON body for any HTTP transport: checks its content type, holds it to a size
 * limit and decodes it as strict UTF-8. Each refusal says the HTTP status and the JSON-RPC error it
 * calls for; the transport renders them in its own shape.
 */
public final class JsonBody {
    private JsonBody() {}

    /**
     * The body as text.
     *
     * @param contentType the request's {@code Content-Type}, or null
     * @param contentLength the declared length, or -1 when unknown (chunked)
     * @throws Refused for a body that is not JSON (415), too large (413) or not UTF-8 (400)
     */
    public static String read(String contentType, long contentLength, InputStream in, int maxBytes)
            throws IOException, Refused {
        if (!isJson(contentType)) {
            throw new Refused(
                    415, invalid("the body must be application/json, not " + contentType));
        }
        if (contentLength > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes = readAtMost(contentLength, in, maxBytes);
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return isAscii(bytes) ? new String(bytes, StandardCharsets.US_ASCII) : strictUtf8(bytes);
    }

    /** Most bodies are ASCII, which needs no decoder: every byte is already its character. */
    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String strictUtf8(byte[] bytes) throws Refused {
        try {
            return StrictUtf8.decode(bytes);
        } catch (CharacterCodingException e) {
            throw new Refused(
                    400, new McpException(ErrorCode.PARSE_ERROR, "the body is not valid UTF-8"));
        }
    }

    /**
     * The body's bytes: as declared when a length is (the container delivers no more), otherwise up
     * to one byte past the limit, so that a chunked body over it shows.
     */
    private static byte[] readAtMost(long contentLength, InputStream in, int maxBytes)
            throws IOException {
        return in.readNBytes(contentLength >= 0 ? (int) contentLength : maxBytes + 1);
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int parameters = contentType.indexOf(';');
        String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
        return mediaType.trim().toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static Refused tooLarge(int maxBytes) {
        return new Refused(413, invalid("the body is larger than " + maxBytes + " bytes"));
    }

    private static McpException invalid(String detail) {
        return new McpException(ErrorCode.INVALID_REQUEST, detail);
    }

    /** A body refused before it was parsed: the HTTP status, and the JSON-RPC error behind it. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final McpException reason;

        public Refused(int status, McpException reason) {
            super(reason.getMessage(), null, false, false);
            this.status = status;
            this.reason = reason;
        }

        public int status() {
            return status;
        }

        public McpException reason() {
            return reason;
        }
    }
}
