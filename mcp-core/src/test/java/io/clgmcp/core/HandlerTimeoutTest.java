package io.clgmcp.core;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A handler that runs past the server's limit is stopped like a cancelled one, and its caller is
 * answered with -32003 instead of waiting for ever.
 */
@Timeout(30)
class HandlerTimeoutTest {
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.0.0", null);

    private final CountDownLatch never = new CountDownLatch(1);

    /** What {@code isCancelled()} said when the hanging handler was interrupted. */
    private final BlockingQueue<Boolean> interrupted = new LinkedBlockingQueue<>();

    // One tool thread: the quick call after a stopped one runs only once that thread is free.
    private final McpServer server =
            McpServer.builder()
                    .serverInfo(INFO)
                    .options(
                            new ServerOptions(50, 1, 10).withHandlerTimeout(Duration.ofMillis(100)))
                    .tool(hanging())
                    .tool(RecordingSink.tool("quick"))
                    .build();
    private final Session session = new Session("session-1", new RecordingSink());
    private final RecordingSink replies = new RecordingSink();

    @AfterEach
    void close() {
        never.countDown();
        server.close();
    }

    @Test
    void answersAHungCallWithATimeoutErrorAndStopsIt() throws Exception {
        server.receive(session, call(1, "hang"), replies);

        JsonRpcResponse response = replies.awaitResponse(1);
        assertEquals(-32003, response.error().code(), response::toString);
        assertTrue(response.error().message().contains("100 ms"), response::toString);
        assertEquals(Boolean.TRUE, interrupted.poll(5, SECONDS), "isCancelled() when stopped");
    }

    @Test
    void freesTheThreadForTheNextCall() throws Exception {
        server.receive(session, call(1, "hang"), replies);
        replies.awaitResponse(1);

        server.receive(session, call(2, "quick"), replies);

        assertFalse(replies.awaitResponse(2).isError(), () -> replies.messages().toString());
    }

    @Test
    void leavesQuickCallsAlone() throws Exception {
        server.receive(session, call(1, "quick"), replies);

        assertFalse(replies.awaitResponse(1).isError());
        assertEquals(1, replies.messages().size(), () -> replies.messages().toString());
    }

    private Tool hanging() {
        return Tool.builder("hang")
                .description("Never ends on its own")
                .inputSchema("{\"type\":\"object\"}")
                .handler(
                        context -> {
                            try {
                                never.await();
                                return ToolResult.text("released");
                            } catch (InterruptedException e) {
                                interrupted.add(context.isCancelled());
                                return ToolResult.text("a result the server must throw away");
                            }
                        })
                .build();
    }

    private static JsonRpcRequest call(long id, String tool) {
        JsonObject params = JsonParser.parseString("{\"name\":\"" + tool + "\"}").getAsJsonObject();
        return new JsonRpcRequest(JsonRpcId.of(id), "tools/call", params);
    }
}
