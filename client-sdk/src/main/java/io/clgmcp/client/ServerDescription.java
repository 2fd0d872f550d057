package io.clgmcp.client;

import com.google.gson.JsonObject;

/**
 * What the server said of itself at {@code initialize}: the protocol version agreed, its name and
 * version, what it can do, and its instructions for a model (or null).
 */
public record ServerDescription(
        String protocolVersion,
        String name,
        String version,
        JsonObject capabilities,
        String instructions) {
    public ServerDescription {
        capabilities = capabilities.deepCopy();
    }

    @Override
    public JsonObject capabilities() {
        return capabilities.deepCopy();
    }

    /** Whether the server declared a capability ("tools", "resources", "prompts", ...). */
    public boolean can(String capability) {
        return capabilities.has(capability);
    }
}
