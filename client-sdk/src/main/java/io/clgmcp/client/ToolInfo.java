package io.clgmcp.client;

import com.google.gson.JsonObject;

/**
 * A tool as {@code tools/list} describes it; {@code title} and {@code outputSchema} may be null,
 * and {@link #raw} keeps every field, including ones this type does not name.
 */
public record ToolInfo(
        String name,
        String title,
        String description,
        JsonObject inputSchema,
        JsonObject outputSchema,
        JsonObject raw) {}
