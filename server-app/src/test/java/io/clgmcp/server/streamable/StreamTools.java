package io.clgmcp.server.streamable;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.LoggingLevel;
import io.clgmcp.core.Resource;
import io.clgmcp.core.ResourceContents;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolResult;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Tools and resources the Streamable HTTP stream tests contribute to a server. */
final class StreamTools {
    /** A resource clients subscribe to. */
    static final String WATCHED = "test://watched";

    /** Another resource, which clients leave alone. */
    static final String OTHER = "test://other";

    private StreamTools() {}

    /** A text resource at that URI. */
    static Resource resource(String uri) {
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
    static Tool sampling() {
        return Tool.builder("sample")
                .description("Asks the client's model a question")
                .inputSchema(
                        "{\"type\":\"object\",\"properties\":{\"question\":{\"type\":\"string\"}},"
                                + "\"required\":[\"question\"]}")
                .handler(
                        context -> {
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
                            JsonObject answer = context.createMessage(params);
                            return ToolResult.text(
                                    "the model said: "
                                            + answer.getAsJsonObject("content")
                                                    .get("text")
                                                    .getAsString());
                        })
                .build();
    }

    /**
     * {@code ask}: asks the client's user for a {@code name} ({@code elicitation/create}) and
     * answers "hello, " and the name when the user accepts, "the user chose " and the action
     * otherwise.
     */
    static Tool eliciting() {
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

    /**
     * {@code chatter}: logs "line 1" to "line 3" at {@code info} as the logger "chatter", then
     * answers "said three things".
     */
    static Tool chatty() {
        return Tool.builder("chatter")
                .description("Logs three lines, then answers")
                .inputSchema("{\"type\":\"object\"}")
                .handler(
                        context -> {
                            for (int i = 1; i <= 3; i++) {
                                context.log(
                                        LoggingLevel.INFO,
                                        "chatter",
                                        new JsonPrimitive("line " + i));
                            }
                            return ToolResult.text("said three things");
                        })
                .build();
    }

    /**
     * {@code pause}: reports progress 1 of 2 ("halfway"), closes the stream carrying the call
     * ({@code closeStream}), signals {@link #awaitPaused}, then waits (at most 10 s) for {@link
     * #release} before answering "resumed".
     */
    static final class Pausing {
        private final CountDownLatch paused = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        final Tool tool =
                Tool.builder("pause")
                        .description("Reports progress, ends its stream, waits, then answers")
                        .inputSchema("{\"type\":\"object\"}")
                        .handler(
                                context -> {
                                    context.reportProgress(1, 2.0, "halfway");
                                    context.closeStream();
                                    paused.countDown();
                                    if (!released.await(10, TimeUnit.SECONDS)) {
                                        return ToolResult.error("never released");
                                    }
                                    return ToolResult.text("resumed");
                                })
                        .build();

        void release() {
            released.countDown();
        }

        /** Waits (at most 10 s) until a call has closed its stream; fails otherwise. */
        void awaitPaused() throws InterruptedException {
            if (!paused.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("the pausing tool never closed its stream");
            }
        }
    }
}
