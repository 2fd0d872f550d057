package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.LoggingLevel;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolResult;
import io.clgmcp.server.TestServer.Reply;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that resets its connection while a call of its is in flight, on each transport: the
 * server logs no fault for it, frees what the connection held, and goes on serving everyone else.
 * Each test closes its server before checking the log, so that whatever the server does about the
 * lost connection has been done.
 */
@Timeout(60)
class ClientDisconnectTest {
    private static final String ACCEPT = "application/json, text/event-stream";
    private static final Pattern CONNECTION_ID = Pattern.compile("\"connectionId\":\"([^\"]+)\"");

    @RegisterExtension final ServerFixture servers = new ServerFixture();
    @RegisterExtension final LoggedProblems logs = new LoggedProblems();
    private final TestTools.Blocking blocking = servers.blocking();
    private final Talking talking = new Talking();

    @Test
    void servesOthersAfterAnRpcCallerLeavesMidCall() throws Exception {
        // One tool thread: the echo below runs only once the abandoned call has been answered.
        TestServer server =
                servers.start(Map.of("MCP_TOOL_THREADS", "1"), blocking.tool, TestTools.echo());
        try (RawHttp caller = RawHttp.connect(server.uri("/"), 0)) {
            caller.send(
                    "POST",
                    "/rpc",
                    TestServer.request("tools/call", TestServer.toolCall("block", "{}")));
            blocking.awaitEntered();
            caller.abort();
        }
        blocking.release();

        assertEquals(
                "echo: still here",
                server.callTool("echo", "{\"text\":\"still here\"}").firstText());
        assertEquals(200, server.get("/health").status());
        server.close();
        logs.assertNone();
    }

    @Test
    void keepsTheSessionWhoseClientLeftACallsStream() throws Exception {
        TestServer server =
                servers.start(Map.of("MCP_TOOL_THREADS", "1"), talking.tool, TestTools.echo());
        String session = openSession(server);
        try (RawHttp caller = RawHttp.connect(server.uri("/"), 0)) {
            caller.send(
                    "POST",
                    "/mcp",
                    TestServer.request("tools/call", TestServer.toolCall("talk", "{}")),
                    "Accept",
                    ACCEPT,
                    "Mcp-Session-Id",
                    session);
            // The log message turned the reply into the call's event stream.
            caller.await(Pattern.compile("notifications/message"));
            caller.abort();
        }
        talking.release();

        Reply echo =
                server.post(
                        "/mcp",
                        TestServer.request(
                                "tools/call", TestServer.toolCall("echo", "{\"text\":\"again\"}")),
                        "Accept",
                        ACCEPT,
                        "Mcp-Session-Id",
                        session);
        assertEquals(200, echo.status(), echo::toString);
        assertEquals("echo: again", echo.firstText());
        assertEquals(1, streamableStats(server).get("activeSessions").getAsInt());
        Reply deleted = server.send("DELETE", "/mcp", null, "Mcp-Session-Id", session);
        assertEquals(204, deleted.status(), deleted::toString);
        assertEquals(0, streamableStats(server).get("activeSessions").getAsInt());
        server.close();
        logs.assertNone();
    }

    @Test
    void dropsAnSseConnectionWhoseClientLeftMidCallAndStopsItsCall() throws Exception {
        TestServer server =
                servers.start(
                        Map.of("SSE_HEARTBEAT_INTERVAL", "100", "SSE_CONNECTION_TIMEOUT", "1000"),
                        blocking.tool,
                        TestTools.echo());
        try (RawHttp stream = RawHttp.connect(server.uri("/"), 0)) {
            stream.send("GET", "/sse", null, "Accept", "text/event-stream");
            String connectionId = stream.await(CONNECTION_ID);
            JsonObject message =
                    JsonParser.parseString(
                                    TestServer.request(
                                            "tools/call", TestServer.toolCall("block", "{}")))
                            .getAsJsonObject();
            message.addProperty("protocol", "sse");
            message.addProperty("connectionId", connectionId);
            Reply sent = server.post("/sse", message.toString());
            assertEquals(200, sent.status(), sent::toString);
            blocking.awaitEntered();
            stream.abort();
        }

        JsonObject stats = server.awaitSseStat("activeConnections", 0);
        assertEquals(1, stats.get("totalConnections").getAsInt(), stats::toString);
        assertTrue(blocking.awaitInterrupted(), "the call was not marked cancelled");
        assertEquals(
                "echo: still here",
                server.callTool("echo", "{\"text\":\"still here\"}").firstText());
        server.close();
        logs.assertNone();
    }

    /** Opens a Streamable HTTP session and confirms it; returns its id. */
    private static String openSession(TestServer server) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("protocolVersion", "2025-06-18");
        params.add("capabilities", new JsonObject());
        JsonObject client = new JsonObject();
        client.addProperty("name", "disconnect-test");
        client.addProperty("version", "1");
        params.add("clientInfo", client);
        Reply initialized =
                server.post("/mcp", TestServer.request("initialize", params), "Accept", ACCEPT);
        assertEquals(200, initialized.status(), initialized::toString);
        String session = initialized.header("Mcp-Session-Id").orElseThrow();
        Reply confirmed =
                server.post(
                        "/mcp",
                        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                        "Accept",
                        ACCEPT,
                        "Mcp-Session-Id",
                        session);
        assertEquals(202, confirmed.status(), confirmed::toString);
        return session;
    }

    private static JsonObject streamableStats(TestServer server) throws Exception {
        return server.get("/health").json().getAsJsonObject("streamable").getAsJsonObject("stats");
    }

    /**
     * {@code talk}: logs "started" at {@code info}, which turns a {@code /mcp} reply into an event
     * stream, then waits (at most 10 s) for {@link #release} before answering "done".
     */
    private static final class Talking {
        private final CountDownLatch released = new CountDownLatch(1);
        final Tool tool =
                Tool.builder("talk")
                        .description("Says it started, then waits until the test lets it go")
                        .inputSchema("{\"type\":\"object\"}")
                        .handler(
                                context -> {
                                    context.log(
                                            LoggingLevel.INFO,
                                            "talk",
                                            new JsonPrimitive("started"));
                                    released.await(10, TimeUnit.SECONDS);
                                    return ToolResult.text("done");
                                })
                        .build();

        void release() {
            released.countDown();
        }
    }
}
