package io.clgmcp.core;

import static io.clgmcp.core.RecordingSink.request;
import static io.clgmcp.core.RecordingSink.resultOf;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code notifications/cancelled} for a {@code tools/call} in flight: the handler is interrupted
 * and sees {@link ToolContext#isCancelled}, the call is never answered, and its reply sink hears
 * {@link MessageSink#noResponse} once instead.
 */
@Timeout(30)
class CancellationTest {
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.0.0", null);

    private final Gate gate = new Gate();
    // One tool thread: a call that completes after a cancelled one proves the cancelled one's
    // task has ended, so nothing is left that could still answer it.
    private final McpServer server =
            McpServer.builder()
                    .serverInfo(INFO)
                    .options(new ServerOptions(50, 1, 10))
                    .tool(gate.tool())
                    .tool(RecordingSink.tool("quick"))
                    .build();
    private final RecordingSink outbound = new RecordingSink();
    private final Session session = new Session("session-1", outbound);
    private final RecordingSink sink = new RecordingSink();

    /** The requests the server said it will not answer, in order. */
    private final BlockingQueue<JsonRpcId> unanswered = new LinkedBlockingQueue<>();

    /** The call's reply sink: records what is sent in {@link #sink}, and every noResponse. */
    private final MessageSink replies =
            new MessageSink() {
                @Override
                public void send(JsonRpcMessage message) {
                    sink.send(message);
                }

                @Override
                public void noResponse(JsonRpcId request) {
                    unanswered.add(request);
                }
            };

    @AfterEach
    void closeServer() {
        gate.release();
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "\"call-7\"", "12345678901234567890", "\"7\""})
    void interruptsTheHandlerWhichThenSeesItIsCancelled(String id) throws Exception {
        server.receive(session, blockCall(id), replies);
        gate.awaitEntered();

        server.receive(session, cancelled(id), replies);

        assertEquals(Boolean.TRUE, gate.awaitInterruption(), "isCancelled() when interrupted");
        assertEquals(parseId(id), unanswered.poll(5, SECONDS), "the reply sink was not told");
    }

    @ParameterizedTest
    @ValueSource(strings = {"7", "\"call-7\"", "12345678901234567890"})
    void neverAnswersACancelledCall(String id) throws Exception {
        server.receive(session, blockCall(id), replies);
        gate.awaitEntered();

        server.receive(session, cancelled(id), replies);
        gate.awaitInterruption();
        server.receive(session, request(8, "ping", null), replies);
        assertEquals(new JsonObject(), resultOf(sink.awaitResponse(8)));
        // The single tool thread runs this only after the cancelled call's task has ended.
        server.receive(session, request(9, "tools/call", "{\"name\":\"quick\"}"), replies);
        sink.awaitResponse(9);

        assertNull(responseTo(sink, parseId(id)), () -> "answered: " + sink.messages());
        assertEquals(2, sink.messages().size(), () -> "only ping and quick: " + sink.messages());
        assertEquals(List.of(parseId(id)), List.copyOf(unanswered), "noResponse, exactly once");
        assertEquals(List.of(), outbound.messages(), "nothing on the session's own stream");
    }

    @Test
    void cancelsEveryCallInFlightWhenTheTransportLosesItsClient() throws Exception {
        server.receive(session, blockCall("1"), replies);
        gate.awaitEntered();
        server.receive(session, blockCall("2"), replies);

        session.cancelAll();

        assertEquals(Boolean.TRUE, gate.awaitInterruption(), "isCancelled() when interrupted");
        server.receive(session, request(3, "tools/call", "{\"name\":\"quick\"}"), replies);
        sink.awaitResponse(3);
        assertEquals(1, gate.calls.get(), "the queued call's handler ran");
        assertEquals(Set.of(JsonRpcId.of(1), JsonRpcId.of(2)), Set.copyOf(unanswered));
        assertEquals(1, sink.messages().size(), () -> "only quick: " + sink.messages());
    }

    @Test
    void leavesTheToolThreadFreeForTheNextCallWithoutAStrayInterrupt() throws Exception {
        server.receive(session, blockCall("1"), replies);
        gate.awaitEntered();
        server.receive(session, cancelled("1"), replies);
        gate.awaitInterruption();

        server.receive(session, blockCall("2"), replies);
        gate.awaitEntered();
        gate.release();

        assertEquals("released", textOf(sink.awaitResponse(2)));
        assertEquals(0, gate.interruptions.size(), "the next call was interrupted too");
        assertNull(responseTo(sink, JsonRpcId.of(1)));
    }

    @Test
    void neverRunsAQueuedCallThatWasCancelledBeforeItStarted() throws Exception {
        server.receive(session, blockCall("1"), replies);
        gate.awaitEntered();
        server.receive(session, blockCall("2"), replies);

        server.receive(session, cancelled("2"), replies);
        gate.release();

        assertEquals("released", textOf(sink.awaitResponse(1)));
        server.receive(session, request(3, "tools/call", "{\"name\":\"quick\"}"), replies);
        sink.awaitResponse(3);
        assertEquals(1, gate.calls.get(), "the cancelled call's handler ran");
        assertNull(responseTo(sink, JsonRpcId.of(2)), () -> "answered: " + sink.messages());
        assertEquals(List.of(JsonRpcId.of(2)), List.copyOf(unanswered));
    }

    @Test
    void ignoresACancellationOfACallThatHasFinished() throws Exception {
        server.receive(session, request(1, "tools/call", "{\"name\":\"quick\"}"), replies);
        JsonRpcResponse answered = sink.awaitResponse(1);

        server.receive(session, cancelled("1"), replies);
        // The id is free again as far as the server knows: a later call with it is answered.
        server.receive(session, request(1, "tools/call", "{\"name\":\"quick\"}"), replies);
        server.receive(session, request(2, "tools/call", "{\"name\":\"quick\"}"), replies);
        sink.awaitResponse(2);

        List<JsonRpcMessage> messages = sink.messages();
        assertEquals(3, messages.size(), messages::toString);
        assertEquals(answered, messages.get(0));
        assertEquals(List.of(answered, answered), responsesTo(sink, JsonRpcId.of(1)));
        assertEquals(0, unanswered.size(), unanswered::toString);
    }

    @Test
    void ignoresACancellationOfAnUnknownIdEvenIfTheIdIsUsedLater() throws Exception {
        server.receive(session, cancelled("42"), replies);
        server.receive(session, cancelled("\"nobody\""), replies);

        server.receive(session, blockCall("42"), replies);
        gate.awaitEntered();
        gate.release();

        assertEquals("released", textOf(sink.awaitResponse(42)));
        assertEquals(0, gate.interruptions.size());
        assertEquals(0, unanswered.size(), unanswered::toString);
    }

    @Test
    void ignoresARepeatedCancellation() throws Exception {
        server.receive(session, blockCall("1"), replies);
        gate.awaitEntered();
        server.receive(session, cancelled("1"), replies);
        gate.awaitInterruption();

        server.receive(session, cancelled("1"), replies);
        server.receive(session, request(2, "tools/call", "{\"name\":\"quick\"}"), replies);

        assertEquals("quick", textOf(sink.awaitResponse(2)));
        assertNull(responseTo(sink, JsonRpcId.of(1)));
        assertEquals(List.of(JsonRpcId.of(1)), List.copyOf(unanswered), "noResponse only once");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "null",
                "{}",
                "{\"reason\":\"no id\"}",
                "{\"requestId\":null}",
                "{\"requestId\":{\"id\":1}}",
                "{\"requestId\":[1]}",
                "{\"requestId\":1.5}",
                "{\"requestId\":true}"
            })
    void ignoresACancellationThatNamesNoUsableId(String params) throws Exception {
        server.receive(session, blockCall("1"), replies);
        gate.awaitEntered();

        JsonObject json =
                "null".equals(params) ? null : JsonParser.parseString(params).getAsJsonObject();
        server.receive(session, new JsonRpcNotification("notifications/cancelled", json), replies);
        server.receive(session, request(2, "ping", null), replies);
        sink.awaitResponse(2);
        gate.release();

        assertEquals("released", textOf(sink.awaitResponse(1)));
        assertEquals(0, gate.interruptions.size());
        assertEquals(0, unanswered.size(), unanswered::toString);
    }

    @Test
    void doesNotCancelACallWhoseIdIsAStringOfTheSameDigits() throws Exception {
        server.receive(session, blockCall("7"), replies);
        gate.awaitEntered();

        server.receive(session, cancelled("\"7\""), replies);
        server.receive(session, request(8, "ping", null), replies);
        sink.awaitResponse(8);
        gate.release();

        assertEquals("released", textOf(sink.awaitResponse(7)));
        assertEquals(0, gate.interruptions.size());
        assertEquals(0, unanswered.size(), unanswered::toString);
    }

    @Test
    void doesNotCancelACallOfAnotherSessionWithTheSameId() throws Exception {
        Session other = new Session("session-2", MessageSink.DISCARD);
        RecordingSink otherSink = new RecordingSink();
        server.receive(session, blockCall("1"), replies);
        gate.awaitEntered();

        server.receive(other, cancelled("1"), otherSink);
        server.receive(other, request(2, "ping", null), otherSink);
        otherSink.awaitResponse(2);
        gate.release();

        assertEquals("released", textOf(sink.awaitResponse(1)));
        assertEquals(0, gate.interruptions.size(), "the other session's cancel interrupted it");
        assertEquals(0, unanswered.size(), unanswered::toString);
    }

    @Test
    void cancelsOnlyTheNamedCallOfTwoInFlight() throws Exception {
        try (McpServer wide =
                McpServer.builder()
                        .serverInfo(INFO)
                        .options(new ServerOptions(50, 2, 0))
                        .tool(gate.tool())
                        .build()) {
            wide.receive(session, blockCall("1"), replies);
            gate.awaitEntered();
            wide.receive(session, blockCall("2"), replies);
            gate.awaitEntered();

            wide.receive(session, cancelled("2"), replies);
            assertEquals(Boolean.TRUE, gate.awaitInterruption());
            gate.release();

            assertEquals("released", textOf(sink.awaitResponse(1)));
            wide.receive(session, request(3, "ping", null), replies);
            sink.awaitResponse(3);
            assertNull(responseTo(sink, JsonRpcId.of(2)), () -> "answered: " + sink.messages());
            assertEquals(0, gate.interruptions.size(), "call 1 was interrupted too");
            assertEquals(List.of(JsonRpcId.of(2)), List.copyOf(unanswered));
        }
    }

    /** A {@code block} tool whose calls wait for {@link #release} and record interruptions. */
    private static final class Gate {
        private static final long WAIT_SECONDS = 5;

        final Semaphore entered = new Semaphore(0);
        final CountDownLatch released = new CountDownLatch(1);

        /** What {@code isCancelled()} said in each interrupted call, in order. */
        final BlockingQueue<Boolean> interruptions = new LinkedBlockingQueue<>();

        final AtomicInteger calls = new AtomicInteger();

        Tool tool() {
            return Tool.builder("block")
                    .description("Waits until the test lets it go")
                    .inputSchema("{\"type\":\"object\"}")
                    .handler(
                            context -> {
                                calls.incrementAndGet();
                                entered.release();
                                try {
                                    if (!released.await(10, SECONDS)) {
                                        return ToolResult.error("never released");
                                    }
                                    return ToolResult.text("released");
                                } catch (InterruptedException e) {
                                    interruptions.add(context.isCancelled());
                                    // A result the server must throw away.
                                    return ToolResult.text("interrupted");
                                }
                            })
                    .build();
        }

        void awaitEntered() throws InterruptedException {
            assertTrue(entered.tryAcquire(WAIT_SECONDS, SECONDS), "the block tool never ran");
        }

        /** What {@code isCancelled()} said in the next interrupted call; fails if none is. */
        Boolean awaitInterruption() throws InterruptedException {
            Boolean cancelled = interruptions.poll(WAIT_SECONDS, SECONDS);
            assertTrue(cancelled != null, "the handler was never interrupted");
            return cancelled;
        }

        void release() {
            released.countDown();
        }
    }

    private static JsonRpcId parseId(String json) {
        return JsonRpcId.fromJson(JsonParser.parseString(json).getAsJsonPrimitive());
    }

    private static JsonRpcRequest blockCall(String id) {
        return new JsonRpcRequest(
                parseId(id),
                "tools/call",
                JsonParser.parseString("{\"name\":\"block\"}").getAsJsonObject());
    }

    private static JsonRpcNotification cancelled(String id) {
        JsonObject params =
                JsonParser.parseString("{\"reason\":\"the user gave up\"}").getAsJsonObject();
        params.add("requestId", JsonParser.parseString(id));
        return new JsonRpcNotification("notifications/cancelled", params);
    }

    private static List<JsonRpcResponse> responsesTo(RecordingSink sink, JsonRpcId id) {
        return sink.messages().stream()
                .filter(JsonRpcResponse.class::isInstance)
                .map(JsonRpcResponse.class::cast)
                .filter(response -> id.equals(response.id()))
                .toList();
    }

    private static JsonRpcResponse responseTo(RecordingSink sink, JsonRpcId id) {
        List<JsonRpcResponse> responses = responsesTo(sink, id);
        return responses.isEmpty() ? null : responses.get(0);
    }

    private static String textOf(JsonRpcResponse response) {
        return resultOf(response)
                .getAsJsonArray("content")
                .get(0)
                .getAsJsonObject()
                .get("text")
                .getAsString();
    }
}
