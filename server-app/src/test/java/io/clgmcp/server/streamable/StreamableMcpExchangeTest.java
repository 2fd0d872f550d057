package io.clgmcp.server.streamable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A whole MCP conversation over {@code /mcp}, as a Streamable HTTP client holds it. */
@Timeout(60)
class StreamableMcpExchangeTest {
    @RegisterExtension final ServerFixture servers = new ServerFixture();

    @Test
    void initializesListsAndCallsATool() throws Exception {
        McpHttp mcp = new McpHttp(servers.start(Map.of(), TestTools.echo()));

        Reply initialized = mcp.initialize();
        JsonObject handshake = McpHttp.result(initialized, 1);
        String session = initialized.header(McpHttp.SESSION_HEADER).orElseThrow();
        assertEquals("2025-06-18", handshake.get("protocolVersion").getAsString());
        assertTrue(handshake.getAsJsonObject("capabilities").has("tools"), handshake::toString);
        assertTrue(handshake.getAsJsonObject("serverInfo").has("name"), handshake::toString);

        Reply confirmed =
                mcp.post(
                        session,
                        McpHttp.notification("notifications/initialized"),
                        McpHttp.VERSION_HEADER,
                        "2025-06-18");
        assertEquals(202, confirmed.status(), confirmed::toString);

        Reply listed =
                mcp.post(
                        session,
                        McpHttp.request(2, "tools/list", null),
                        McpHttp.VERSION_HEADER,
                        "2025-06-18");
        JsonArray tools = McpHttp.result(listed, 2).getAsJsonArray("tools");
        List<String> names =
                StreamSupport.stream(tools.spliterator(), false)
                        .map(tool -> tool.getAsJsonObject().get("name").getAsString())
                        .toList();
        assertEquals(TestTools.withGenealogyTools("echo"), names, listed::toString);
        assertTrue(
                tools.get(names.indexOf("echo")).getAsJsonObject().has("inputSchema"),
                listed::toString);

        Reply called =
                mcp.post(
                        session,
                        McpHttp.echo(3, "over streamable http"),
                        McpHttp.VERSION_HEADER,
                        "2025-06-18");
        assertEquals("echo: over streamable http", McpHttp.toolText(called, 3));

        assertEquals(204, mcp.delete(session).status());
    }

    @Test
    void answersAPingWhileASlowToolCallOfTheSameSessionIsPending() throws Exception {
        TestTools.Blocking blocking = servers.blocking();
        McpHttp mcp = new McpHttp(servers.start(Map.of(), blocking.tool));
        String session = mcp.open();

        CompletableFuture<Reply> slow = mcp.postAsync(session, McpHttp.toolCall(10, "block", "{}"));
        blocking.awaitEntered();

        Reply pong = mcp.post(session, McpHttp.ping(11));
        assertEquals(new JsonObject(), McpHttp.result(pong, 11));
        assertFalse(slow.isDone(), "the slow call answered before it was released");

        blocking.release();
        Reply answer = slow.get(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals("released", McpHttp.toolText(answer, 10));
    }
}
