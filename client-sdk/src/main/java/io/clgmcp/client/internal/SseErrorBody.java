package io.clgmcp.client.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * What the error body of an SSE server's refusal says: its text ({@code
 * {"error":"...","code":...}}, a JSON-RPC error's message, or the body itself) and its code.
 */
final class SseErrorBody {
    private static final int MAX_BYTES = 8192;

    private SseErrorBody() {}

    /** The start of a refused stream's body, which it closes; empty when it cannot be read. */
    static String read(InputStream body) {
        try (body) {
            byte[] bytes = body.readNBytes(MAX_BYTES);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The text of an error body: the {@code error} member of a JSON body ({@code
     * {"error":"...","code":...}}, or a JSON-RPC error's message), otherwise the body itself.
     */
    static String text(String body) {
        JsonObject object = jsonObject(body);
        if (object != null) {
            JsonElement error = object.get("error");
            if (error instanceof JsonPrimitive text && text.isString()) {
                return text.getAsString();
            }
            if (error instanceof JsonObject rpc
                    && rpc.get("message") instanceof JsonPrimitive message
                    && message.isString()) {
                return message.getAsString();
            }
        }
        return body;
    }

    /** The {@code code} of a JSON error body, or 0. */
    static int code(String body) {
        JsonObject object = jsonObject(body);
        if (object != null) {
            JsonElement code = object.get("code");
            if (code == null && object.get("error") instanceof JsonObject rpc) {
                code = rpc.get("code");
            }
            if (code instanceof JsonPrimitive number && number.isNumber()) {
                try {
                    return number.getAsInt();
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private static JsonObject jsonObject(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonElement value = JsonParser.parseString(body);
            return value.isJsonObject() ? value.getAsJsonObject() : null;
        } catch (JsonParseException e) {
            return null;
        }
    }
}
