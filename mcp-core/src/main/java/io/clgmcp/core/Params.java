package io.clgmcp.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.McpException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads request parameters, failing with INVALID_PARAMS that names what is wrong. */
final class Params {
    private Params() {}

    static String requireString(JsonObject params, String name, String method) {
        if (params != null && params.get(name) instanceof JsonPrimitive value && value.isString()) {
            return value.getAsString();
        }
        throw new McpException(
                ErrorCode.INVALID_PARAMS, method + " needs a \"" + name + "\" string");
    }

    static JsonObject requireObject(JsonObject params, String name, String method) {
        if (params != null && params.get(name) instanceof JsonObject value) {
            return value;
        }
        throw new McpException(
                ErrorCode.INVALID_PARAMS, method + " needs a \"" + name + "\" object");
    }

    /** An optional object of string values, such as prompt arguments; empty when absent. */
    static Map<String, String> stringMap(JsonObject params, String name) {
        JsonElement value = params == null ? null : params.get(name);
        Map<String, String> strings = new LinkedHashMap<>();
        if (value == null || value.isJsonNull()) {
            return strings;
        }
        if (!value.isJsonObject()) {
            throw new McpException(ErrorCode.INVALID_PARAMS, "\"" + name + "\" must be an object");
        }
        for (Map.Entry<String, JsonElement> entry : value.getAsJsonObject().entrySet()) {
            if (!(entry.getValue() instanceof JsonPrimitive string) || !string.isString()) {
                throw new McpException(
                        ErrorCode.INVALID_PARAMS,
                        "\"" + name + "." + entry.getKey() + "\" must be a string");
            }
            strings.put(entry.getKey(), string.getAsString());
        }
        return strings;
    }

    static String cursor(JsonObject params) {
        if (params == null || !params.has("cursor") || params.get("cursor").isJsonNull()) {
            return null;
        }
        if (params.get("cursor") instanceof JsonPrimitive cursor && cursor.isString()) {
            return cursor.getAsString();
        }
        throw new McpException(ErrorCode.INVALID_PARAMS, "\"cursor\" must be a string");
    }
}
