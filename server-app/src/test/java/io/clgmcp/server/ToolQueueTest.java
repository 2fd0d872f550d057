package io.clgmcp.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clgmcp.server.TestServer.Reply;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ToolQueueTest {
    private final TestTools.Blocking blocking = new TestTools.Blocking();
    private TestServer server;

    @AfterEach
    void stop() throws Exception {
        blocking.release();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void refusesACallAsBusyWhenEveryThreadIsTakenAndNothingMayWait() throws Exception {
        server =
                TestServer.start(
                        Map.of("MCP_TOOL_THREADS", "1", "MCP_TOOL_QUEUE", "0"),
                        blocking.tool,
                        TestTools.echo());
        CompletableFuture<Reply> first = server.callToolAsync("block", "{}");
        blocking.awaitEntered();

        Reply second = server.callTool("echo", "{\"text\":\"too many\"}");

        assertEquals(200, second.status(), second::toString);
        assertEquals(-32000, second.error().get("code").getAsInt(), second::toString);
        assertFalse(first.isDone());
        blocking.release();
        Reply firstReply = first.get(10, SECONDS);
        assertEquals(200, firstReply.status(), firstReply::toString);
        assertFalse(firstReply.result().get("isError").getAsBoolean(), firstReply::toString);
    }

    @Test
    void takesCallsAgainOnceTheThreadIsFree() throws Exception {
        server =
                TestServer.start(
                        Map.of("MCP_TOOL_THREADS", "1", "MCP_TOOL_QUEUE", "0"),
                        blocking.tool,
                        TestTools.echo());
        CompletableFuture<Reply> first = server.callToolAsync("block", "{}");
        blocking.awaitEntered();
        blocking.release();
        first.get(10, SECONDS);

        Reply next = server.callTool("echo", "{\"text\":\"room now\"}");

        assertEquals(200, next.status(), next::toString);
        assertFalse(next.result().get("isError").getAsBoolean(), next::toString);
    }
}
