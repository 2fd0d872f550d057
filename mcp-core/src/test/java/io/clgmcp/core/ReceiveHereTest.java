package io.clgmcp.core;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link McpServer#receiveHere}: the handler runs on the calling thread while a handler slot is
 * free, and otherwise on a worker; either way the slots bound how many handlers run at once, and
 * timeouts still answer and interrupt without leaving the lent thread interrupted.
 */
@Timeout(30)
class ReceiveHereTest {
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.0.0", null);

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final BlockingQueue<Thread> ranOn = new LinkedBlockingQueue<>();
    private final AtomicBoolean quickRan = new AtomicBoolean();

    // One handler slot, and a queue for others.
    private final McpServer server =
            McpServer.builder()
                    .serverInfo(INFO)
                    .options(
                            new ServerOptions(50, 1, 10).withHandlerTimeout(Duration.ofMillis(200)))
                    .tool(tool("wait", this::waitForRelease))
                    .tool(tool("spin", ReceiveHereTest::spinUntilInterrupted))
                    .tool(recording("where", () -> ranOn.add(Thread.currentThread())))
                    .tool(recording("quick", () -> quickRan.set(true)))
                    .build();
    private final Session session = Session.ephemeral();
    private final RecordingSink replies = new RecordingSink();

    @AfterEach
    void close() {
        release.countDown();
        server.close();
    }

    @Test
    void runsTheHandlerOnTheCallingThreadAndAnswersBeforeReturning() throws Exception {
        server.receiveHere(session, call(1, "where"), replies);

        assertEquals(Thread.currentThread(), ranOn.poll(5, SECONDS));
        assertTrue(replies.hasResponse(1), "answered by the time receiveHere returned");
    }

    @Test
    void handsTheHandlerToAWorkerWhenEverySlotIsTaken() throws Exception {
        server.receive(session, call(1, "wait"), replies);
        assertTrue(entered.await(5, SECONDS), "the first call never started");

        server.receiveHere(session, call(2, "where"), replies);

        assertFalse(replies.hasResponse(2), "ran on the calling thread while the slot was taken");
        release.countDown();
        replies.awaitResponse(2);
        assertNotEquals(Thread.currentThread(), ranOn.poll(5, SECONDS));
    }

    @Test
    void makesAWorkerWaitWhileALentThreadHoldsTheOnlySlot() throws Exception {
        Thread lender = new Thread(() -> server.receiveHere(session, call(1, "wait"), replies));
        lender.start();
        assertTrue(entered.await(5, SECONDS), "the lent call never started");

        server.receive(session, call(2, "quick"), replies);
        awaitAWorkerWaitingForASlot();

        assertFalse(quickRan.get(), "a second handler ran while the only slot was taken");
        release.countDown();
        replies.awaitResponse(2);
        lender.join();
        assertTrue(quickRan.get());
    }

    @Test
    void answersAHungHandlerOnALentThreadWithATimeoutAndClearsTheInterrupt() throws Exception {
        server.receiveHere(session, call(1, "spin"), replies);

        RecordingSink.errorOf(replies.awaitResponse(1), ErrorCode.REQUEST_TIMEOUT);
        assertFalse(Thread.interrupted(), "the lent thread was left interrupted");
    }

    /** Polls the tool threads' stacks until one waits on the slots' semaphore. */
    private static void awaitAWorkerWaitingForASlot() throws InterruptedException {
        long deadline = System.nanoTime() + SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            boolean waiting =
                    Thread.getAllStackTraces().entrySet().stream()
                            .filter(e -> e.getKey().getName().startsWith("mcp-tool"))
                            .anyMatch(
                                    e ->
                                            Arrays.stream(e.getValue())
                                                    .anyMatch(
                                                            frame ->
                                                                    frame.getClassName()
                                                                            .contains(
                                                                                    "Semaphore")));
            if (waiting) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no tool thread ever waited for a slot");
    }

    private ToolResult waitForRelease() {
        entered.countDown();
        try {
            release.await();
            return ToolResult.text("released");
        } catch (InterruptedException e) {
            return ToolResult.text("stopped");
        }
    }

    /** Ends once interrupted, leaving the thread's interrupt flag set. */
    private static ToolResult spinUntilInterrupted() {
        while (!Thread.currentThread().isInterrupted()) {
            Thread.onSpinWait();
        }
        return ToolResult.text("interrupted");
    }

    private static Tool recording(String name, Runnable action) {
        return tool(
                name,
                () -> {
                    action.run();
                    return ToolResult.text(name);
                });
    }

    private static Tool tool(String name, Supplier<ToolResult> result) {
        return Tool.builder(name)
                .description("A test tool")
                .inputSchema("{\"type\":\"object\"}")
                .handler(context -> result.get())
                .build();
    }

    private static JsonRpcRequest call(long id, String tool) {
        return RecordingSink.request(id, "tools/call", "{\"name\":\"" + tool + "\"}");
    }
}
