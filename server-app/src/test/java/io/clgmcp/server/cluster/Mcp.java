package io.clgmcp.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The Streamable HTTP transport ({@code /mcp}, MCP 2025-11-25) as the cluster tests use it: a
 * session opened on one instance and used on any, with replies read as a whole, whether JSON or an
 * event stream.
 */
final class Mcp {
    static final String VERSION = "2025-11-25";
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String ACCEPT = "application/json, text/event-stream";

    private Mcp() {}

    /** Initializes a session on that instance; returns its id. */
    static String initialize(ClusterNode node) throws IOException, InterruptedException {
        return initialize(node, "{}");
    }

    /** Initializes a session declaring those client capabilities (JSON); returns its id. */
    static String initialize(ClusterNode node, String capabilities)
            throws IOException, InterruptedException {
        JsonObject params = new JsonObject();
        params.addProperty("protocolVersion", VERSION);
        params.add("capabilities", JsonParser.parseString(capabilities));
        params.add(
                "clientInfo", JsonParser.parseString("{\"name\":\"cluster\",\"version\":\"1\"}"));
        Http.Reply reply =
                Http.post(
                        node.uri("/mcp"),
                        request(1, "initialize", params).toString(),
                        "Accept",
                        ACCEPT);
        assertEquals(200, reply.status(), reply::toString);
        return reply.header(SESSION_HEADER)
                .orElseThrow(() -> new AssertionError("no session id: " + reply));
    }

    /** Initializes a session on that instance and confirms it there; returns its id. */
    static String open(ClusterNode node) throws IOException, InterruptedException {
        String session = initialize(node);
        Http.Reply initialized = post(node, session, notification("notifications/initialized"));
        assertEquals(202, initialized.status(), initialized::toString);
        return session;
    }

    /** {@code POST /mcp} of a message in that session, read as a whole. */
    static Http.Reply post(ClusterNode node, String session, JsonObject message)
            throws IOException, InterruptedException {
        return Http.post(node.uri("/mcp"), message.toString(), headers(session, ACCEPT));
    }

    /** The headers of a request in that session accepting that. */
    static String[] headers(String session, String accept) {
        return new String[] {
            "Accept", accept, SESSION_HEADER, session, "MCP-Protocol-Version", VERSION
        };
    }

    /**
     * The JSON-RPC messages of a reply: its body when JSON, the data of each event (priming events
     * have none) when an event stream.
     */
    static List<JsonObject> messages(Http.Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        String type = reply.header("Content-Type").orElse("");
        if (type.startsWith("application/json")) {
            return List.of(reply.json());
        }
        List<JsonObject> messages = new ArrayList<>();
        for (String line : reply.body().split("\r?\n")) {
            if (line.startsWith("data:") && !line.substring(5).isBlank()) {
                messages.add(JsonParser.parseString(line.substring(5)).getAsJsonObject());
            }
        }
        return messages;
    }

    /** The response among a reply's messages to the request of that id. */
    static JsonObject response(Http.Reply reply, long id) {
        return messages(reply).stream()
                .filter(message -> message.has("id") && message.get("id").getAsLong() == id)
                .filter(message -> !message.has("method"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no response " + id + " in " + reply));
    }

    static JsonObject request(long id, String method, JsonObject params) {
        JsonObject request = notification(method);
        request.addProperty("id", id);
        if (params != null) {
            request.add("params", params);
        }
        return request;
    }

    static JsonObject notification(String method) {
        JsonObject notification = new JsonObject();
        notification.addProperty("jsonrpc", "2.0");
        notification.addProperty("method", method);
        return notification;
    }

    /** A {@code tools/call} of {@code test_sampling}, which asks the client's model. */
    static JsonObject samplingCall(long id, String prompt) {
        JsonObject call = toolCall(id, "test_sampling", null);
        call.getAsJsonObject("params").getAsJsonObject("arguments").addProperty("prompt", prompt);
        return call;
    }

    /** The client's answer to a {@code sampling/createMessage} request: the model said that. */
    static JsonObject sampled(JsonElement requestId, String text) {
        JsonObject content = new JsonObject();
        content.addProperty("type", "text");
        content.addProperty("text", text);
        JsonObject result = new JsonObject();
        result.addProperty("role", "assistant");
        result.add("content", content);
        result.addProperty("model", "test-model");
        result.addProperty("stopReason", "endTurn");
        JsonObject response = new JsonObject();
        response.addProperty("jsonrpc", "2.0");
        response.add("id", requestId);
        response.add("result", result);
        return response;
    }

    /** The text of a {@code tools/call} response's first content block. */
    static String toolText(JsonObject response) {
        return response.getAsJsonObject("result")
                .getAsJsonArray("content")
                .get(0)
                .getAsJsonObject()
                .get("text")
                .getAsString();
    }

    /** A {@code tools/call} without arguments, with a progress token when it is not null. */
    static JsonObject toolCall(long id, String tool, String progressToken) {
        JsonObject params = new JsonObject();
        params.addProperty("name", tool);
        params.add("arguments", new JsonObject());
        if (progressToken != null) {
            JsonObject meta = new JsonObject();
            meta.addProperty("progressToken", progressToken);
            params.add("_meta", meta);
        }
        return request(id, "tools/call", params);
    }
}
