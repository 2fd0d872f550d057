package io.clgmcp.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.McpException;

/** The {@code initialize} handshake: version negotiation, and what the server says about itself. */
final class Lifecycle {
    private final ServerInfo serverInfo;
    private final String instructions;
    private final JsonObject capabilities;

    Lifecycle(ServerInfo serverInfo, String instructions, JsonObject capabilities) {
        this.serverInfo = serverInfo;
        this.instructions = instructions;
        this.capabilities = capabilities;
    }

    JsonObject initialize(Session session, JsonObject params) {
        if (params == null
                || !(params.get("protocolVersion") instanceof JsonPrimitive requested)
                || !requested.isString()) {
            throw new McpException(
                    ErrorCode.INVALID_PARAMS, "initialize needs a \"protocolVersion\" string");
        }
        String version = ProtocolVersions.negotiate(requested.getAsString());
        session.negotiated(
                version,
                objectOrEmpty(params, "clientInfo"),
                objectOrEmpty(params, "capabilities"));

        JsonObject result = new JsonObject();
        result.addProperty("protocolVersion", version);
        result.add("capabilities", capabilities.deepCopy());
        result.add("serverInfo", serverInfo());
        if (instructions != null) {
            result.addProperty("instructions", instructions);
        }
        return result;
    }

    private static JsonObject objectOrEmpty(JsonObject params, String name) {
        JsonElement value = params.get(name);
        return value != null && value.isJsonObject() ? value.getAsJsonObject() : new JsonObject();
    }

    private JsonObject serverInfo() {
        JsonObject info = new JsonObject();
        info.addProperty("name", serverInfo.name());
        info.addProperty("version", serverInfo.version());
        if (serverInfo.title() != null) {
            info.addProperty("title", serverInfo.title());
        }
        return info;
    }
}
