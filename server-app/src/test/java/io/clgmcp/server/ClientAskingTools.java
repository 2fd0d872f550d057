package io.clgmcp.server;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.ClientRequestException;
import io.clgmcp.core.Resource;
import io.clgmcp.core.ResourceContents;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolContext;
import io.clgmcp.core.ToolHandler;
import io.clgmcp.core.ToolResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Tools that ask the client something, resources a client watches, and the JSON-RPC messages a test
 * exchanges with them, for the tests of every transport that carries what the server sends unasked.
 */
public final class ClientAskingTools {
    /** A resource clients subscribe to. */
    public static final String WATCHED = "test://watched";

    /** Another resource, which clients leave alone. */
    public static final String OTHER = "test://other";

    /** The capabilities of a client that can sample. */
    public static final String SAMPLING = "{\"sampling\":{}}";

    /** The capabilities of a client that can elicit. */
    public static final String ELICITATION = "{\"elicitation\":{}}";

    private ClientAskingTools() {}

    /** A text resource at that URI. */
    public static Resource resource(String uri) {
        return new Resource(
                uri,
                uri.substring(uri.lastIndexOf('/') + 1),
                null,
                "Text that changes now and then",
                "text/plain",
                read -> List.of(ResourceContents.text(read, "text/plain", "contents of " + read)));
    }

    /**
     * {@code sample}: asks the client's model ({@code sampling/createMessage}) its required {@code
     * question}, and answers "the model said: " and the text the client sent back.
     */
    public static Tool sampling() {
        return samplingTool(
                context -> {
                    JsonObject answer = context.createMessage(samplingParams(context));
                    return ToolResult.text(
                            "the model said: "
                                    + answer.getAsJsonObject("content").get("text").getAsString());
                });
    }

    /**
     * {@code ask}: asks the client's user for a {@code name} ({@code elicitation/create}) and
     * answers "hello, " and the name when the user accepts, "the user chose " and the action
     * otherwise.
     */
    public static Tool eliciting() {
        return Tool.builder("ask")
                .description("Asks the user for their name")
                .inputSchema("{\"type\":\"object\"}")
                .handler(
                        context -> {
                            JsonObject answer =
                                    context.elicit(
                                            JsonParser.parseString(
                                                            "{\"message\":\"What is your name?\","
                                                                    + "\"requestedSchema\":{"
                                                                    + "\"type\":\"object\","
                                                                    + "\"properties\":{\"name\":"
                                                                    + "{\"type\":\"string\"}},"
                                                                    + "\"required\":[\"name\"]}}")
                                                    .getAsJsonObject());
                            String action = answer.get("action").getAsString();
                            if (!action.equals("accept")) {
                                return ToolResult.text("the user chose " + action);
                            }
                            return ToolResult.text(
                                    "hello, "
                                            + answer.getAsJsonObject("content")
                                                    .get("name")
                                                    .getAsString());
                        })
                .build();
    }

    /** {@code sampling/createMessage} params asking the call's {@code question}. */
    private static JsonObject samplingParams(ToolContext context) {
        JsonObject content = new JsonObject();
        content.addProperty("type", "text");
        content.add("text", context.arguments().get("question"));
        JsonObject message = new JsonObject();
        message.addProperty("role", "user");
        message.add("content", content);
        JsonObject params = new JsonObject();
        params.add("messages", JsonParser.parseString("[]"));
        params.getAsJsonArray("messages").add(message);
        params.addProperty("maxTokens", 20);
        return params;
    }

    /** {@code sample}, taking a required {@code question}, run by that handler. */
    private static Tool samplingTool(ToolHandler handler) {
        return Tool.builder("sample")
                .description("Asks the client's model a question")
                .inputSchema(
                        "{\"type\":\"object\",\"properties\":{\"question\":{\"type\":\"string\"}},"
                                + "\"required\":[\"question\"]}")
                .handler(handler)
                .build();
    }

    /**
     * {@code sample} as a test can watch it: it asks the client's model its {@code question} and
     * records how its wait for the answer ended, an answer or a {@link ClientRequestException}.
     */
    public static final class WatchedSampling {
        private final CompletableFuture<String> ended = new CompletableFuture<>();

        /** The tool to offer. */
        public final Tool tool =
                samplingTool(
                        context -> {
                            try {
                                JsonObject answer = context.createMessage(samplingParams(context));
                                ended.complete("answered: " + answer);
                                return ToolResult.text("answered");
                            } catch (ClientRequestException e) {
                                ended.complete("failed: " + e.getMessage());
                                return ToolResult.error(e.getMessage());
                            } catch (InterruptedException e) {
                                ended.complete("interrupted");
                                throw e;
                            }
                        });

        /** Whether the call's wait for the client has ended. */
        public boolean hasEnded() {
            return ended.isDone();
        }

        /**
         * Waits (at most {@link TestServer#TIMEOUT}) for the call's wait for the client to end, and
         * says how it ended: "failed: " and the exception's message, "answered: " and the answer,
         * or "interrupted".
         */
        public String awaitEnd() throws InterruptedException {
            try {
                return ended.get(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError(
                        "the tool was still waiting for the client after " + TestServer.TIMEOUT);
            } catch (ExecutionException e) {
                throw new AssertionError(e);
            }
        }
    }

    /** A {@code tools/call} request of {@code sample} asking that question. */
    public static JsonObject sample(long id, String question) {
        JsonObject arguments = new JsonObject();
        arguments.addProperty("question", question);
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("id", id);
        request.addProperty("method", "tools/call");
        request.add("params", TestServer.toolCall("sample", arguments.toString()));
        return request;
    }

    /** A {@code sampling/createMessage} result whose text is that text. */
    public static JsonObject modelSaid(String text) {
        JsonObject content = new JsonObject();
        content.addProperty("type", "text");
        content.addProperty("text", text);
        JsonObject result = new JsonObject();
        result.addProperty("role", "assistant");
        result.add("content", content);
        result.addProperty("model", "test-model");
        return result;
    }

    /** A JSON-RPC response of that id with that result. */
    public static JsonObject answer(JsonElement id, JsonElement result) {
        JsonObject response = new JsonObject();
        response.addProperty("jsonrpc", "2.0");
        response.add("id", id);
        response.add("result", result);
        return response;
    }
}
