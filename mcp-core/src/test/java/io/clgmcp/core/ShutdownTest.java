package io.clgmcp.core;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link McpServer#shutDown}: calls may finish within the grace period; those still running or
 * waiting for a thread after it are answered with -32004 and stopped, and later ones refused.
 */
@Timeout(30)
class ShutdownTest {
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.0.0", null);

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    /** What {@code isCancelled()} said when the waiting handler was interrupted. */
    private final BlockingQueue<Boolean> interrupted = new LinkedBlockingQueue<>();

    // One tool thread: a second call waits in the queue while the first runs.
    private final McpServer server =
            McpServer.builder()
                    .serverInfo(INFO)
                    .options(new ServerOptions(50, 1, 10))
                    .tool(waiting())
                    .tool(RecordingSink.tool("quick"))
                    .build();
    private final Session session = new Session("session-1", new RecordingSink());
    private final RecordingSink replies = new RecordingSink();

    @AfterEach
    void close() {
        release.countDown();
        server.close();
    }

    @Test
    void answersCallsRunningOrQueuedAfterTheGraceWithTheShutdownError() throws Exception {
        server.receive(session, call(1, "wait"), replies);
        assertTrue(entered.await(5, SECONDS), "the first call never started");
        server.receive(session, call(2, "quick"), replies);

        server.shutDown(Duration.ofMillis(100));

        for (long id = 1; id <= 2; id++) {
            JsonRpcResponse response = replies.awaitResponse(id);
            RecordingSink.errorOf(response, ErrorCode.SHUTTING_DOWN);
            assertTrue(response.error().message().contains("shutting down"), response::toString);
        }
        assertEquals(Boolean.TRUE, interrupted.poll(5, SECONDS), "isCancelled() when stopped");
    }

    @Test
    void refusesCallsAfterTheGrace() throws Exception {
        server.receive(session, call(1, "wait"), replies);
        server.shutDown(Duration.ZERO);
        replies.awaitResponse(1);

        server.receive(session, call(2, "quick"), replies);

        RecordingSink.errorOf(replies.awaitResponse(2), ErrorCode.SHUTTING_DOWN);
    }

    @Test
    void letsCallsTakenBeforeTheShutdownFinishWithinTheGrace() throws Exception {
        server.receive(session, call(1, "wait"), replies);
        assertTrue(entered.await(5, SECONDS), "the first call never started");
        server.receive(session, call(2, "quick"), replies);

        server.shutDown(Duration.ofMinutes(1));
        release.countDown();

        assertEquals("released", text(replies.awaitResponse(1)));
        assertEquals("quick", text(replies.awaitResponse(2)));
    }

    @Test
    void runsIdleHooksAfterTheLastAnswerIsSent() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        MessageSink sink = message -> order.add("answer " + ((JsonRpcResponse) message).id());
        CountDownLatch idle = new CountDownLatch(1);
        server.receive(session, call(1, "wait"), sink);
        assertTrue(entered.await(5, SECONDS), "the call never started");

        session.whenIdle(
                () -> {
                    order.add("idle");
                    idle.countDown();
                });
        assertFalse(idle.await(0, SECONDS), "idle while a call is in flight");
        release.countDown();

        assertTrue(idle.await(5, SECONDS), "the hook never ran");
        assertEquals(List.of("answer 1", "idle"), order);
    }

    @Test
    void runsAnIdleHookAtOnceWhenNothingIsInFlight() {
        List<String> ran = new ArrayList<>();

        session.whenIdle(() -> ran.add("idle"));

        assertEquals(List.of("idle"), ran);
    }

    private Tool waiting() {
        return Tool.builder("wait")
                .description("Waits until the test lets it go")
                .inputSchema("{\"type\":\"object\"}")
                .handler(
                        context -> {
                            entered.countDown();
                            try {
                                release.await();
                                return ToolResult.text("released");
                            } catch (InterruptedException e) {
                                interrupted.add(context.isCancelled());
                                return ToolResult.text("a result the server must throw away");
                            }
                        })
                .build();
    }

    private static String text(JsonRpcResponse response) {
        return RecordingSink.resultOf(response)
                .getAsJsonArray("content")
                .get(0)
                .getAsJsonObject()
                .get("text")
                .getAsString();
    }

    private static JsonRpcRequest call(long id, String tool) {
        return RecordingSink.request(id, "tools/call", "{\"name\":\"" + tool + "\"}");
    }
}
