package io.clgmcp.core;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.regex.Pattern;

/**
 * A tool the server offers: its descriptor as {@code tools/list} shows it, and the handler that
 * runs it. Contribute tools through Guice with {@link McpCoreModule#tools} or pass them to {@link
 * McpServer.Builder#tool}.
 *
 * <pre>{@code
 * Tool echo = Tool.builder("echo")
 *         .description("Says the text back")
 *         .inputSchema("{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}}}")
 *         .handler(context -> ToolResult.text(context.arguments().get("text").getAsString()))
 *         .build();
 * }</pre>
 *
 * @param outputSchema the schema of the result's {@code structuredContent}, or null
 */
public record Tool(
        String name,
        String title,
        String description,
        JsonObject inputSchema,
        JsonObject outputSchema,
        ToolHandler handler) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,128}");

    public Tool {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(
                    "a tool name is 1 to 128 letters, digits, '_', '-' or '.', not " + name);
        }
        if (description == null || inputSchema == null || handler == null) {
            throw new IllegalArgumentException(
                    "tool " + name + " needs a description, an input schema and a handler");
        }
        requireObjectSchema(name, "input", inputSchema);
        if (outputSchema != null) {
            requireObjectSchema(name, "output", outputSchema);
        }
        inputSchema = inputSchema.deepCopy();
        outputSchema = outputSchema == null ? null : outputSchema.deepCopy();
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    @Override
    public JsonObject inputSchema() {
        return inputSchema.deepCopy();
    }

    @Override
    public JsonObject outputSchema() {
        return outputSchema == null ? null : outputSchema.deepCopy();
    }

    private static void requireObjectSchema(String tool, String which, JsonObject schema) {
        if (!(schema.get("type") instanceof JsonPrimitive type)
                || !type.isString()
                || !"object".equals(type.getAsString())) {
            throw new IllegalArgumentException(
                    "tool " + tool + ": the " + which + " schema must have \"type\": \"object\"");
        }
    }

    /** Builds a {@link Tool}; schemas may be given as JSON text or as trees. */
    public static final class Builder {
        private final String name;
        private String title;
        private String description;
        private JsonObject inputSchema;
        private JsonObject outputSchema;
        private ToolHandler handler;

        private Builder(String name) {
            this.name = name;
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder inputSchema(JsonObject schema) {
            this.inputSchema = schema;
            return this;
        }

        public Builder inputSchema(String schemaJson) {
            return inputSchema(JsonParser.parseString(schemaJson).getAsJsonObject());
        }

        public Builder outputSchema(JsonObject schema) {
            this.outputSchema = schema;
            return this;
        }

        public Builder outputSchema(String schemaJson) {
            return outputSchema(JsonParser.parseString(schemaJson).getAsJsonObject());
        }

        public Builder handler(ToolHandler handler) {
            this.handler = handler;
            return this;
        }

        public Tool build() {
            return new Tool(name, title, description, inputSchema, outputSchema, handler);
        }
    }
}
