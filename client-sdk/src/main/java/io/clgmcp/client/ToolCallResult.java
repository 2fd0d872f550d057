package io.clgmcp.client;

import com.google.gson.JsonObject;
import io.clgmcp.core.ContentBlock;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a {@code tools/call} returned: its content blocks, its {@code structuredContent} (or null),
 * and whether the tool failed. A failed tool is a result, not an exception: its content says why.
 */
public record ToolCallResult(
        List<ContentBlock> content, JsonObject structuredContent, boolean isError, JsonObject raw) {
    public ToolCallResult {
        content = List.copyOf(content);
    }

    /** The text of the result's text blocks, one line each. */
    public String text() {
        return content.stream()
                .filter(ContentBlock.Text.class::isInstance)
                .map(block -> ((ContentBlock.Text) block).text())
                .collect(Collectors.joining("\n"));
    }
}
