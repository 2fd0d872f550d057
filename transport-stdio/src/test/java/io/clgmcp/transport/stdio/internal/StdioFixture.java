package io.clgmcp.transport.stdio.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.ServerInfo;
import io.clgmcp.core.ServerOptions;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StdioConnection} serving a real {@link McpServer} on its own reader thread, between an
 * {@link InputPipe} the test writes lines to and the {@link OutputLines} it reads them from. Tools:
 *
 * <ul>
 *   <li>{@code echo} says its {@code text} back;
 *   <li>{@code slow} says it started, then waits until the test {@link #release}s it (or its thread
 *       is interrupted, which it records);
 *   <li>{@code ask_roots} reports progress, then asks the client for its roots and returns them.
 * </ul>
 */
final class StdioFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);
    static final int MAX_LINE_BYTES = 1024;

    final InputPipe input = new InputPipe();
    final OutputLines output = new OutputLines();
    final McpServer server;
    final StdioConnection connection;
    final CountDownLatch slowStarted = new CountDownLatch(1);
    final CompletableFuture<Void> slowInterrupted = new CompletableFuture<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<Void> served = new CompletableFuture<>();

    StdioFixture() {
        server =
                McpServer.builder()
                        .serverInfo(new ServerInfo("stdio-test", "0.0.1", "stdio under test"))
                        .options(new ServerOptions(50, 4, 4))
                        .tool(echo())
                        .tool(slow())
                        .tool(askRoots())
                        .build();
        connection = new StdioConnection(server, input, output, MAX_LINE_BYTES);
        Thread reader =
                new Thread(
                        () -> {
                            connection.serve();
                            served.complete(null);
                        },
                        "stdio-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Writes one line to the server's input. */
    void send(String json) {
        input.write(json + "\n");
    }

    /** The next message the server writes. */
    JsonObject next() throws InterruptedException {
        JsonElement value = output.next(WAIT);
        assertTrue(value.isJsonObject(), "a batch where one message was expected: " + value);
        return value.getAsJsonObject();
    }

    /** Initializes the session, declaring the roots capability. */
    void initialize() throws InterruptedException {
        send(
                "{\"jsonrpc\":\"2.0\",\"id\":\"init\",\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"roots\":{}},"
                        + "\"clientInfo\":{\"name\":\"stdio-test\",\"version\":\"1\"}}}");
        JsonObject reply = next();
        assertEquals("init", reply.get("id").getAsString(), reply.toString());
        assertTrue(reply.has("result"), reply.toString());
        send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    }

    /** Calls a tool, with a numeric id. */
    void call(int id, String tool, String arguments) {
        send(
                "{\"jsonrpc\":\"2.0\",\"id\":"
                        + id
                        + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                        + tool
                        + "\",\"arguments\":"
                        + arguments
                        + "}}");
    }

    void awaitSlowStarted() throws InterruptedException {
        assertTrue(slowStarted.await(WAIT.toMillis(), TimeUnit.MILLISECONDS), "slow never ran");
    }

    void release() {
        release.countDown();
    }

    /** Waits for {@link StdioConnection#serve} to return. */
    void awaitServed() throws Exception {
        served.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        release.countDown();
        input.close();
        server.close();
    }

    private static Tool echo() {
        return Tool.builder("echo")
                .description("Says the text back")
                .inputSchema(
                        "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
                                + "\"required\":[\"text\"]}")
                .handler(call -> ToolResult.text(call.arguments().get("text").getAsString()))
                .build();
    }

    private Tool slow() {
        return Tool.builder("slow")
                .description("Waits until the test releases it")
                .inputSchema("{\"type\":\"object\"}")
                .handler(
                        call -> {
                            slowStarted.countDown();
                            try {
                                release.await();
                                return ToolResult.text("released");
                            } catch (InterruptedException e) {
                                slowInterrupted.complete(null);
                                throw e;
                            }
                        })
                .build();
    }

    private static Tool askRoots() {
        return Tool.builder("ask_roots")
                .description("Reports progress, then asks the client for its roots")
                .inputSchema("{\"type\":\"object\"}")
                .handler(
                        call -> {
                            call.reportProgress(1, 2.0, "asking for roots");
                            return ToolResult.text(call.listRoots().toString());
                        })
                .build();
    }
}
