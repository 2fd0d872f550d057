package io.clgmcp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcError;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: a {@link MessageSink} that records everything the server sends, in order, and lets a
 * test wait (a bounded while) for the response to a given request id. Also holds the few factories
 * and assertions the server-level tests share.
 */
final class RecordingSink implements MessageSink {
    private static final long WAIT_SECONDS = 5;

    private final List<JsonRpcMessage> messages = new ArrayList<>();
    private final Map<JsonRpcId, CompletableFuture<JsonRpcResponse>> responses = new HashMap<>();

    @Override
    public synchronized void send(JsonRpcMessage message) {
        messages.add(message);
        if (message instanceof JsonRpcResponse response && response.id() != null) {
            responseFor(response.id()).complete(response);
        }
    }

    /** The response to the request with this id, waiting at most a few seconds for it. */
    JsonRpcResponse awaitResponse(long id) throws Exception {
        return responseFor(JsonRpcId.of(id)).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** Whether the request with this id has been answered yet. */
    boolean hasResponse(long id) {
        return responseFor(JsonRpcId.of(id)).isDone();
    }

    /** Everything sent so far, in the order it was sent. */
    synchronized List<JsonRpcMessage> messages() {
        return List.copyOf(messages);
    }

    /** The notifications sent so far, in order. */
    List<JsonRpcNotification> notifications() {
        return messages().stream()
                .filter(JsonRpcNotification.class::isInstance)
                .map(JsonRpcNotification.class::cast)
                .toList();
    }

    private synchronized CompletableFuture<JsonRpcResponse> responseFor(JsonRpcId id) {
        return responses.computeIfAbsent(id, any -> new CompletableFuture<>());
    }

    /** A request with an integer id; {@code paramsJson} is the params object's text, or null. */
    static JsonRpcRequest request(long id, String method, String paramsJson) {
        JsonObject params =
                paramsJson == null ? null : JsonParser.parseString(paramsJson).getAsJsonObject();
        return new JsonRpcRequest(JsonRpcId.of(id), method, params);
    }

    /** A tool taking no arguments that answers with its own name. */
    static Tool tool(String name) {
        return Tool.builder(name)
                .description("The " + name + " tool")
                .inputSchema("{\"type\":\"object\"}")
                .handler(context -> ToolResult.text(name))
                .build();
    }

    /** Sends one request to a server and waits for its response. */
    static JsonRpcResponse exchange(McpServer server, Session session, JsonRpcRequest request)
            throws Exception {
        RecordingSink sink = new RecordingSink();
        server.receive(session, request, sink);
        return sink.awaitResponse(Long.parseLong(request.id().toString()));
    }

    /** The result of a successful response, which must be a JSON object. */
    static JsonObject resultOf(JsonRpcResponse response) {
        assertFalse(response.isError(), () -> "expected a result, got " + response.error());
        assertTrue(response.result().isJsonObject(), () -> "not an object: " + response.result());
        return response.result().getAsJsonObject();
    }

    /** The error of a failed response, which must carry the expected code. */
    static JsonRpcError errorOf(JsonRpcResponse response, ErrorCode expected) {
        assertTrue(response.isError(), () -> "expected an error, got " + response.result());
        JsonRpcError error = response.error();
        assertNotNull(error);
        assertEquals(expected.code(), error.code(), () -> "unexpected error " + error);
        return error;
    }
}
