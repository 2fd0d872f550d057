package io.clgmcp.client;

import java.util.List;

/**
 * Suggestions from {@code completion/complete}; {@code total} is null when the server did not say.
 */
public record CompletionResult(List<String> values, Integer total, boolean hasMore) {
    public CompletionResult {
        values = List.copyOf(values);
    }
}
