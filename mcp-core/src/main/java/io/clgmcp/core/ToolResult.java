package io.clgmcp.core;

import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import java.util.List;

/**
 * What a tool call returns: content blocks for the model, optionally {@code structuredContent} that
 * matches the tool's output schema, and whether the call failed.
 */
public record ToolResult(
        List<ContentBlock> content, JsonObject structuredContent, boolean isError) {
    public ToolResult {
        content = List.copyOf(content);
        structuredContent = structuredContent == null ? null : structuredContent.deepCopy();
    }

    /** A successful result of one text block. */
    public static ToolResult text(String text) {
        return new ToolResult(List.of(new ContentBlock.Text(text)), null, false);
    }

    /** A failed call, explained for a person. */
    public static ToolResult error(String message) {
        return new ToolResult(List.of(new ContentBlock.Text(message)), null, true);
    }

    /** A successful result whose structured content also goes out as its JSON text. */
    public static ToolResult structured(JsonObject structuredContent) {
        return new ToolResult(
                List.of(new ContentBlock.Text(JsonRpcCodec.toText(structuredContent))),
                structuredContent,
                false);
    }

    @Override
    public JsonObject structuredContent() {
        return structuredContent == null ? null : structuredContent.deepCopy();
    }

    /** The structured content itself, for the server to check and write without copying. */
    JsonObject rawStructuredContent() {
        return structuredContent;
    }
}
