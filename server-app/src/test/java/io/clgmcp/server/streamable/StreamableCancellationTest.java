package io.clgmcp.server.streamable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code notifications/cancelled} over {@code /mcp}: the cancel travels in its own POST of the same
 * session and stops the tool call that another POST of that session is waiting on, whose exchange
 * then ends without the call's result.
 */
@Timeout(60)
class StreamableCancellationTest {
    @RegisterExtension final ServerFixture servers = new ServerFixture();

    @Test
    void cancelsAToolCallInFlightAndEndsItsExchangeAsAnEmptyEventStream() throws Exception {
        TestTools.Blocking blocking = servers.blocking();
        McpHttp mcp = startServer(blocking);
        String session = mcp.open();
        CompletableFuture<Reply> slow = mcp.postAsync(session, McpHttp.toolCall(10, "block", "{}"));
        blocking.awaitEntered();

        Reply cancel = mcp.post(session, cancelled(10));

        assertEquals(202, cancel.status(), cancel::toString);
        assertTrue(blocking.awaitInterrupted(), "isCancelled() was false when interrupted");
        // The server sends no JSON-RPC response for the cancelled call; the transport ends the
        // POST that waited for one as an event stream without events rather than leaving it open.
        Reply ended = slow.get(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(200, ended.status(), ended::toString);
        assertTrue(
                ended.header("Content-Type").orElse("").startsWith("text/event-stream"),
                ended::toString);
        assertEquals("", ended.body(), ended::toString);
        assertSessionStillServes(mcp, session);
    }

    @Test
    void endsTheEventStreamOfACancelledCallWithoutAnyEvent() throws Exception {
        TestTools.Blocking blocking = servers.blocking();
        McpHttp mcp = startServer(blocking);
        String session = mcp.open();
        JsonObject params = new JsonObject();
        params.addProperty("name", "block");
        params.add("_meta", JsonParser.parseString("{\"progressToken\":\"job-10\"}"));
        CompletableFuture<Reply> slow =
                mcp.postAsync(session, McpHttp.request(10, "tools/call", params));
        blocking.awaitEntered();

        Reply cancel = mcp.post(session, cancelled(10));

        assertEquals(202, cancel.status(), cancel::toString);
        assertTrue(blocking.awaitInterrupted(), "isCancelled() was false when interrupted");
        Reply ended = slow.get(TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(200, ended.status(), ended::toString);
        assertTrue(
                ended.header("Content-Type").orElse("").startsWith("text/event-stream"),
                ended::toString);
        assertEquals("", ended.body(), "the stream carried an event: " + ended);
        assertSessionStillServes(mcp, session);
    }

    /** One tool thread: the echo after a cancel only runs once the cancelled call's task ended. */
    private McpHttp startServer(TestTools.Blocking blocking) throws Exception {
        return new McpHttp(
                servers.start(Map.of("MCP_TOOL_THREADS", "1"), blocking.tool, TestTools.echo()));
    }

    private static void assertSessionStillServes(McpHttp mcp, String session) throws Exception {
        mcp.assertAlive(session);
        Reply echoed = mcp.post(session, McpHttp.echo(12, "after the cancel"));
        assertEquals("echo: after the cancel", McpHttp.toolText(echoed, 12));
    }

    private static String cancelled(long requestId) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                + "\"params\":{\"requestId\":"
                + requestId
                + ",\"reason\":\"the user gave up\"}}";
    }
}
