package io.clgmcp.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clgmcp.server.TestServer.Reply;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(60)
class ToolQueueTest {
    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private final TestTools.Blocking blocking = servers.blocking();
    private TestServer server;

    /**
     * Starts a server with one tool thread and no queue, and keeps that thread busy with a call to
     * the blocking tool until it is released.
     */
    private CompletableFuture<Reply> occupyTheOnlyThread() throws Exception {
        server =
                servers.start(
                        Map.of("MCP_TOOL_THREADS", "1", "MCP_TOOL_QUEUE", "0"),
                        blocking.tool,
                        TestTools.echo());
        CompletableFuture<Reply> call = server.callToolAsync("block", "{}");
        blocking.awaitEntered();
        return call;
    }

    @Test
    void refusesACallAsBusyWhenEveryThreadIsTakenAndNothingMayWait() throws Exception {
        CompletableFuture<Reply> first = occupyTheOnlyThread();

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
        CompletableFuture<Reply> first = occupyTheOnlyThread();
        blocking.release();
        first.get(10, SECONDS);

        // The first reply can reach the client a moment before its thread is back in the pool
        // (it writes that reply), so a call is refused as busy for at most that moment.
        long deadline = System.nanoTime() + TestServer.TIMEOUT.toNanos();
        Reply next = server.callTool("echo", "{\"text\":\"room now\"}");
        while (isBusy(next) && System.nanoTime() < deadline) {
            next = server.callTool("echo", "{\"text\":\"room now\"}");
        }

        assertEquals(200, next.status(), next::toString);
        assertFalse(next.result().get("isError").getAsBoolean(), next::toString);
    }

    private static boolean isBusy(Reply reply) {
        return reply.json().has("error") && reply.error().get("code").getAsInt() == -32000;
    }
}
