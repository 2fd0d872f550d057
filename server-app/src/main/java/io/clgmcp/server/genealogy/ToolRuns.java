package io.clgmcp.server.genealogy;

import com.google.gson.JsonObject;
import io.clgmcp.core.ToolResult;

/**
 * Runs one genealogy tool call and tells its outcome honestly: the structured answer with its JSON
 * text, or an error result whose message says what went wrong, never an empty answer in place of a
 * failure.
 */
final class ToolRuns {
    /** A call's work; an {@link IllegalArgumentException} means the arguments do not make sense. */
    @FunctionalInterface
    interface Work {
        JsonObject run() throws SiteException, InterruptedException;
    }

    private ToolRuns() {}

    static ToolResult run(Work work) throws InterruptedException {
        try {
            return ToolResult.structured(work.run());
        } catch (SiteException | IllegalArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
    }
}
