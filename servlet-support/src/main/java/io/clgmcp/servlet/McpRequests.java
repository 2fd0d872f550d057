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

    private McpRequests() {}

    /**
     * The POSTed body as one JSON value.
     *
     * <p>A body too large, or not JSON, is left unread, so the reply to it closes the connection
     * ({@code Connection: close}): a client must not send its next request after the rest of this
     * one.
     *
     * @throws JsonBody.Refused for a body that is not JSON (415), too large (413), not UTF-8 or not
     *     valid JSON (400, with {@link io.clgmcp.core.jsonrpc.ErrorCode#PARSE_ERROR})
     */
    public static JsonElement json(
            HttpServletRequest request, HttpServletResponse response, int maxBytes)
            throws IOException, JsonBody.Refused {
        String text;
        try (InputStream in = request.getInputStream()) {
            text =
                    JsonBody.read(
                            request.getContentType(), request.getContentLengthLong(), in, maxBytes);
        } catch (JsonBody.Refused refused) {
            if (refused.status() == 413 || refused.status() == 415) {
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

    /**
     * Who is calling, as authentication recorded it in {@link HttpAttributes#CALLER}; one shared
     * identity for everyone when access is open.
     */
    public static String callerOf(HttpServletRequest request) {
        return request.getAttribute(HttpAttributes.CALLER) instanceof String caller
                ? caller
                : ANONYMOUS;
    }
}
