package io.clgmcp.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.clgmcp.client.InProcessServer;
import io.clgmcp.core.LoggingLevel;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolResult;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import io.clgmcp.server.ClgMcpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * What the SSE transport tests share: our real server started in-process with test tools behind a
 * bearer token, transports closed after the test, an {@link Inbound} that queues what arrives, and
 * the JSON-RPC messages the tests send. Every wait is bounded by {@link #WAIT}.
 */
final class SseTransportFixture {
    static final Duration WAIT = Duration.ofSeconds(10);
    static final String TOKEN = "client-test-token";

    private final List<AutoCloseable> closeables = new ArrayList<>();

    /** Starts our server (see {@link InProcessServer#start}) with these extra settings. */
    ClgMcpServer server(Map<String, String> settings) throws Exception {
        Map<String, String> values = new HashMap<>(settings);
        values.putIfAbsent("MCP_AUTH_TOKEN", TOKEN);
        ClgMcpServer server = InProcessServer.start(values, new TestTools());
        closeables.add(server);
        return server;
    }

    ClgMcpServer server() throws Exception {
        return server(Map.of());
    }

    /** Settings for a client of that URL with that token and a fresh JDK client. */
    static HttpSettings settings(URI url, String token) {
        return new HttpSettings(
                url, token, WAIT, HttpClient.newBuilder().connectTimeout(WAIT).build());
    }

    /** Closes the transport (then the servers) after the test. */
    <T extends ClientTransport> T track(T transport) {
        closeables.add(0, transport);
        return transport;
    }

    /** Adds something to close after the test, before the servers. */
    <T extends AutoCloseable> T closeLater(T closeable) {
        closeables.add(0, closeable);
        return closeable;
    }

    /** Closes the transports and whatever else was added, then the servers. */
    void closeAll() throws Exception {
        Exception first = null;
        for (AutoCloseable closeable : closeables) {
            try {
                closeable.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        closeables.clear();
        if (first != null) {
            throw first;
        }
    }

    static JsonRpcRequest initialize(long id, String protocolVersion) {
        JsonObject params =
                JsonParser.parseString(
                                "{\"protocolVersion\":\""
                                        + protocolVersion
                                        + "\",\"capabilities\":{\"sampling\":{}},"
                                        + "\"clientInfo\":{\"name\":\"client-sdk-test\","
                                        + "\"version\":\"1\"}}")
                        .getAsJsonObject();
        return new JsonRpcRequest(JsonRpcId.of(id), "initialize", params);
    }

    static JsonRpcNotification initialized() {
        return new JsonRpcNotification("notifications/initialized", null);
    }

    /** A {@code tools/call}; with a progress token when that is not null. */
    static JsonRpcRequest toolCall(long id, String tool, String argumentsJson, String progress) {
        JsonObject params = new JsonObject();
        params.addProperty("name", tool);
        params.add("arguments", JsonParser.parseString(argumentsJson));
        if (progress != null) {
            JsonObject meta = new JsonObject();
            meta.addProperty("progressToken", progress);
            params.add("_meta", meta);
        }
        return new JsonRpcRequest(JsonRpcId.of(id), "tools/call", params);
    }

    /** The text of the first content block of a successful {@code tools/call} response. */
    static String text(JsonRpcResponse response) {
        assertNull(response.error(), () -> "an error: " + response);
        return response.result()
                .getAsJsonObject()
                .getAsJsonArray("content")
                .get(0)
                .getAsJsonObject()
                .get("text")
                .getAsString();
    }

    /** The params of the notifications of that method among the messages, in order. */
    static List<JsonObject> notifications(List<JsonRpcMessage> messages, String method) {
        return messages.stream()
                .filter(m -> m instanceof JsonRpcNotification n && n.method().equals(method))
                .map(m -> ((JsonRpcNotification) m).params())
                .toList();
    }

    /** Initializes the session of the transport's connection, as a client does first. */
    static JsonRpcResponse handshake(
            ClientTransport transport, RecordingInbound inbound, long id, String version) {
        transport.send(initialize(id, version));
        JsonRpcResponse response = inbound.response(id);
        assertNull(response.error(), () -> "initialize failed: " + response);
        transport.send(initialized());
        return response;
    }

    /** Tools the tests call. */
    static final class TestTools extends AbstractModule {
        @Override
        protected void configure() {
            Multibinder<Tool> tools = McpCoreModule.tools(binder());
            tools.addBinding().toInstance(InProcessServer.echo("echo: "));
            tools.addBinding()
                    .toInstance(
                            Tool.builder("count")
                                    .description("Counts to three, reporting progress and logging")
                                    .inputSchema("{\"type\":\"object\"}")
                                    .handler(
                                            context -> {
                                                for (int step = 1; step <= 3; step++) {
                                                    context.reportProgress(
                                                            step, 3.0, "step " + step);
                                                    context.log(
                                                            LoggingLevel.INFO,
                                                            "count",
                                                            new JsonPrimitive("step " + step));
                                                }
                                                return ToolResult.text("counted");
                                            })
                                    .build());
            tools.addBinding()
                    .toInstance(
                            Tool.builder("sample")
                                    .description("Asks the client's model a question")
                                    .inputSchema("{\"type\":\"object\"}")
                                    .handler(
                                            context -> {
                                                JsonObject answer =
                                                        context.createMessage(
                                                                JsonParser.parseString(
                                                                                "{\"messages\":[{\"role\":\"user\","
                                                                                        + "\"content\":{\"type\":\"text\","
                                                                                        + "\"text\":\"2+2?\"}}],"
                                                                                        + "\"maxTokens\":5}")
                                                                        .getAsJsonObject());
                                                return ToolResult.text(
                                                        "the model said: "
                                                                + answer.getAsJsonObject("content")
                                                                        .get("text")
                                                                        .getAsString());
                                            })
                                    .build());
        }
    }

    /** Queues every message and every loss a transport reports. */
    static final class RecordingInbound implements ClientTransport.Inbound {
        final BlockingQueue<JsonRpcMessage> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<McpTransportFailure> losses = new LinkedBlockingQueue<>();

        @Override
        public void onMessage(JsonRpcMessage message) {
            messages.add(message);
        }

        @Override
        public void onLost(McpTransportFailure failure) {
            losses.add(failure);
        }

        /** The next message; fails when none comes within {@link #WAIT}. */
        JsonRpcMessage next() {
            try {
                JsonRpcMessage message = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertNotNull(message, "no message within " + WAIT);
                return message;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** The messages up to and including the response of that id. */
        List<JsonRpcMessage> until(long id) {
            List<JsonRpcMessage> seen = new ArrayList<>();
            while (true) {
                JsonRpcMessage message = next();
                seen.add(message);
                if (message instanceof JsonRpcResponse response
                        && JsonRpcId.of(id).equals(response.id())) {
                    return seen;
                }
            }
        }

        /** The response of that id, skipping what comes before it. */
        JsonRpcResponse response(long id) {
            List<JsonRpcMessage> seen = until(id);
            return assertInstanceOf(JsonRpcResponse.class, seen.get(seen.size() - 1));
        }

        /** The next loss reported; fails when none comes within {@link #WAIT}. */
        McpTransportFailure awaitLost() {
            try {
                McpTransportFailure failure = losses.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                assertNotNull(failure, "onLost was not called within " + WAIT);
                assertEquals(0, failure.status());
                assertEquals(SseReconnect.LOST_MESSAGE, failure.getMessage());
                return failure;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
