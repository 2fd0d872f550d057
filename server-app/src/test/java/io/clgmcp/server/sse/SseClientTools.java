package io.clgmcp.server.sse;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.LoggingLevel;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolResult;

/**
 * A tool and requests for the tests of what the server sends an SSE client unasked or in the course
 * of a call; what the Streamable HTTP tests share with them is {@link
 * io.clgmcp.server.ClientAskingTools}.
 */
final class SseClientTools {
    private SseClientTools() {}

    /**
     * {@code chatter}: logs "line 1" to "line 3" at {@code debug} as the logger "chatter", then
     * answers "said three things". A client hears the lines only after lowering its level to debug.
     */
    static Tool debugChatter() {
        return Tool.builder("chatter")
                .description("Logs three debug lines, then answers")
                .inputSchema("{\"type\":\"object\"}")
                .handler(
                        context -> {
                            for (int i = 1; i <= 3; i++) {
                                context.log(
                                        LoggingLevel.DEBUG,
                                        "chatter",
                                        new JsonPrimitive("line " + i));
                            }
                            return ToolResult.text("said three things");
                        })
                .build();
    }

    /** An {@code initialize} request declaring those capabilities (JSON). */
    static JsonObject initialize(long id, String capabilitiesJson) {
        JsonObject params = new JsonObject();
        params.addProperty("protocolVersion", "2025-06-18");
        params.add("capabilities", JsonParser.parseString(capabilitiesJson));
        params.add(
                "clientInfo", JsonParser.parseString("{\"name\":\"sse-push\",\"version\":\"1\"}"));
        return SseFixture.request(id, "initialize", params);
    }

    /** A request whose params name that resource. */
    static JsonObject aboutResource(long id, String method, String uri) {
        JsonObject params = new JsonObject();
        params.addProperty("uri", uri);
        return SseFixture.request(id, method, params);
    }
}
