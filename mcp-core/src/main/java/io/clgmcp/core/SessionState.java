package io.clgmcp.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a {@link Session} has agreed with its client, as a value: the handshake, the log level and
 * the subscriptions. A clustered transport stores it so that any instance can {@link
 * McpServer#restore restore} the session and serve its next request.
 *
 * <pre>{"protocolVersion":"2025-11-25","clientInfo":{...},"capabilities":{...},
 * "initialized":true,"logLevel":"info","subscriptions":["file:///a"]}</pre>
 */
public record SessionState(
        Optional<String> protocolVersion,
        JsonObject clientInfo,
        JsonObject capabilities,
        boolean initialized,
        LoggingLevel logLevel,
        Set<String> subscriptions) {

    public SessionState {
        clientInfo = clientInfo.deepCopy();
        capabilities = capabilities.deepCopy();
        subscriptions = Set.copyOf(subscriptions);
    }

    @Override
    public JsonObject clientInfo() {
        return clientInfo.deepCopy();
    }

    @Override
    public JsonObject capabilities() {
        return capabilities.deepCopy();
    }

    public String toJson() {
        JsonObject json = new JsonObject();
        protocolVersion.ifPresent(version -> json.addProperty("protocolVersion", version));
        json.add("clientInfo", clientInfo);
        json.add("capabilities", capabilities);
        json.addProperty("initialized", initialized);
        json.addProperty("logLevel", logLevel.wireName());
        JsonArray uris = new JsonArray();
        new TreeSet<>(subscriptions).forEach(uris::add);
        json.add("subscriptions", uris);
        return JsonRpcCodec.toText(json);
    }

    /** The state {@link #toJson} wrote; an {@link IllegalArgumentException} for anything else. */
    public static SessionState fromJson(String text) {
        try {
            JsonObject json = JsonRpcCodec.parse(text).getAsJsonObject();
            Set<String> uris = new TreeSet<>();
            json.getAsJsonArray("subscriptions").forEach(uri -> uris.add(uri.getAsString()));
            return new SessionState(
                    json.has("protocolVersion")
                            ? Optional.of(json.get("protocolVersion").getAsString())
                            : Optional.empty(),
                    json.getAsJsonObject("clientInfo"),
                    json.getAsJsonObject("capabilities"),
                    json.get("initialized").getAsBoolean(),
                    LoggingLevel.fromWireName(json.get("logLevel").getAsString()).orElseThrow(),
                    uris);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a stored session state: " + e.getMessage(), e);
        }
    }
}
