package io.clgmcp.servlet;

import com.google.gson.JsonElement;
import io.clgmcp.core.http.HttpAttributes;
import io.clgmcp.core.http.JsonBody;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.McpException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/** What every HTTP transport reads off a request the same way: its JSON body, and its caller. */
public final class McpRequests {
    private static final String ANONYMOUS = "anonymous";

    /**
     * How much of a refused body is read and thrown away, so that the client, which may still be
     * sending, is not reset before it reads the refusal; a larger body closes the connection.
     */
    private static final int DRAIN_LIMIT = 1 << 20;

    private McpRequests() {}

    /**
     * The POSTed body as one JSON value.
     *
     * <p>A body too large, or not JSON, is refused unparsed. Its rest is read and thrown away when
     * that is at most {@link #DRAIN_LIMIT} bytes, so that the refusal reaches a client still
     * sending; otherwise the reply closes the connection ({@code Connection: close}), since a
     * client must not send its next request after the unread rest of this one.
     *
     * @throws JsonBody.Refused for a body that is not JSON (415), too large (413), not UTF-8 or not
     *     valid JSON (400, with {@link io.clgmcp.core.jsonrpc.ErrorCode#PARSE_ERROR})
     */
    public static JsonElement json(
            HttpServletRequest request, HttpServletResponse response, int maxBytes)
            throws IOException, JsonBody.Refused {
        String text;
        InputStream in = request.getInputStream();
        try {
            text =
                    JsonBody.read(
                            request.getContentType(), request.getContentLengthLong(), in, maxBytes);
        } catch (JsonBody.Refused refused) {
            if ((refused.status() == 413 || refused.status() == 415) && !drained(in)) {
                response.setHeader("Connection", "close");
            }
            throw refused;
        }
        try {
            return JsonRpcCodec.parse(text);
        } catch (McpException parseError) {
            throw new JsonBody.Refused(400, parseError);
        }
    }

    /** Whether the rest of the body has been read, up to {@link #DRAIN_LIMIT} bytes of it. */
    private static boolean drained(InputStream in) {
        byte[] buffer = new byte[8192];
        long read = 0;
        try {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                read += n;
                if (read > DRAIN_LIMIT) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Who is calling, as authentication recorded it in {@link HttpAttributes#CALLER}; one shared
     * identity for everyone when access is open.
     */
    public static String callerOf(HttpServletRequest request) {
        return request.getAttribute(HttpAttributes.CALLER) instanceof String caller
                ? caller
                : ANONYMOUS;
    }

    /**
     * Whose limits a request counts against: its caller, or with open access its remote address, so
     * that anonymous clients do not share one allowance. Behind a reverse proxy with open access
     * every client has the proxy's address.
     */
    public static String limitKeyOf(HttpServletRequest request) {
        return request.getAttribute(HttpAttributes.CALLER) instanceof String caller
                ? caller
                : "address " + request.getRemoteAddr();
    }
}
