package io.clgmcp.transport.stdio.internal;

import static io.clgmcp.transport.stdio.internal.StdioFixture.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StdioConnectionTest {
    private StdioFixture stdio;

    @BeforeEach
    void start() {
        stdio = new StdioFixture();
    }

    @AfterEach
    void stop() {
        stdio.close();
    }

    @Test
    void initializesListsAndCallsATool() throws Exception {
        stdio.initialize();

        stdio.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
        JsonObject list = stdio.next();
        assertEquals(1, list.get("id").getAsInt());
        List<String> names = new ArrayList<>();
        list.getAsJsonObject("result")
                .getAsJsonArray("tools")
                .forEach(tool -> names.add(tool.getAsJsonObject().get("name").getAsString()));
        assertEquals(List.of("echo", "slow", "ask_roots"), names);

        stdio.call(2, "echo", "{\"text\":\"hello\\nworld ü\"}");
        JsonObject call = stdio.next();
        assertEquals(2, call.get("id").getAsInt());
        assertEquals("hello\nworld ü", firstText(call));
    }

    @Test
    void answersAMalformedLineWithAParseErrorAndGoesOnServing() throws Exception {
        stdio.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":");

        JsonObject error = stdio.next();
        assertTrue(error.get("id").isJsonNull(), error.toString());
        assertEquals(-32700, errorCode(error));

        stdio.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        JsonObject pong = stdio.next();
        assertEquals(2, pong.get("id").getAsInt());
        assertTrue(pong.getAsJsonObject("result").entrySet().isEmpty(), pong.toString());
    }

    @Test
    void answersBytesThatAreNotUtf8WithAParseError() throws Exception {
        stdio.input.write(new byte[] {'"', (byte) 0xC3, (byte) 0x28, '"', '\n'});

        JsonObject error = stdio.next();
        assertEquals(-32700, errorCode(error));
        assertTrue(error.get("id").isJsonNull(), error.toString());
    }

    @Test
    void answersAnInvalidRequestWithItsIdAndSkipsBlankLines() throws Exception {
        stdio.send("");
        stdio.send("   \t");
        stdio.send("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}");

        JsonObject error = stdio.next();
        assertEquals(7, error.get("id").getAsInt());
        assertEquals(-32600, errorCode(error));

        stdio.input.write("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"ping\"}\r\n");
        assertEquals(8, stdio.next().get("id").getAsInt());
    }

    @Test
    void refusesALineOverTheLimitAndReadsTheNextOne() throws Exception {
        String padding = "x".repeat(StdioFixture.MAX_LINE_BYTES * 3);
        stdio.call(1, "echo", "{\"text\":\"" + padding + "\"}");
        stdio.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");

        JsonObject error = stdio.next();
        assertEquals(-32600, errorCode(error));
        assertTrue(error.get("id").isJsonNull(), error.toString());
        assertTrue(
                error.getAsJsonObject("error")
                        .get("message")
                        .getAsString()
                        .contains(String.valueOf(StdioFixture.MAX_LINE_BYTES)),
                error.toString());
        assertEquals(2, stdio.next().get("id").getAsInt());
    }

    @Test
    void answersABatchWithOneArrayLine() throws Exception {
        stdio.initialize();

        stdio.send(
                "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"},"
                        + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                        + "{\"name\":\"echo\",\"arguments\":{\"text\":\"in a batch\"}}},"
                        + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/whatever\"},"
                        + "{\"id\":3}]");

        JsonElement reply = stdio.output.next(WAIT);
        assertTrue(reply.isJsonArray(), reply.toString());
        JsonArray responses = reply.getAsJsonArray();
        assertEquals(3, responses.size(), reply.toString());
        assertEquals(1, responses.get(0).getAsJsonObject().get("id").getAsInt());
        assertEquals("in a batch", firstText(responses.get(1).getAsJsonObject()));
        assertEquals(-32600, errorCode(responses.get(2).getAsJsonObject()));
        assertEquals(3, responses.get(2).getAsJsonObject().get("id").getAsInt());
    }

    @Test
    void answersAPingWhileASlowToolRuns() throws Exception {
        stdio.initialize();
        stdio.call(1, "slow", "{}");
        stdio.awaitSlowStarted();

        stdio.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");
        assertEquals(2, stdio.next().get("id").getAsInt());

        stdio.release();
        JsonObject slow = stdio.next();
        assertEquals(1, slow.get("id").getAsInt());
        assertEquals("released", firstText(slow));
    }

    @Test
    void stopsACancelledCallWithoutAnsweringIt() throws Exception {
        stdio.initialize();
        stdio.call(1, "slow", "{}");
        stdio.awaitSlowStarted();

        stdio.send(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                        + "\"params\":{\"requestId\":1,\"reason\":\"changed my mind\"}}");
        stdio.slowInterrupted.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        // Once the connection has ended, everything the server had to say has been written.
        stdio.input.close();
        stdio.awaitServed();
        stdio.connection.closeAll();
        assertTrue(stdio.connection.awaitEnd(WAIT));
        while (stdio.output.hasMore()) {
            JsonObject message = stdio.next();
            assertFalse(
                    message.has("id") && message.get("id").getAsInt() == 1,
                    "a cancelled call was answered: " + message);
        }
    }

    @Test
    void carriesProgressAndARequestToTheClientBothWays() throws Exception {
        stdio.initialize();
        stdio.send(
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":{\"name\":"
                        + "\"ask_roots\",\"arguments\":{},\"_meta\":{\"progressToken\":\"p-5\"}}}");

        JsonObject progress = stdio.next();
        assertEquals("notifications/progress", progress.get("method").getAsString());
        assertEquals("p-5", progress.getAsJsonObject("params").get("progressToken").getAsString());

        JsonObject rootsRequest = stdio.next();
        assertEquals("roots/list", rootsRequest.get("method").getAsString());
        stdio.send(
                "{\"jsonrpc\":\"2.0\",\"id\":"
                        + rootsRequest.get("id")
                        + ",\"result\":{\"roots\":[{\"uri\":\"file:///home/genealogist\","
                        + "\"name\":\"research\"}]}}");

        JsonObject call = stdio.next();
        assertEquals(5, call.get("id").getAsInt());
        assertTrue(firstText(call).contains("file:///home/genealogist"), call.toString());
    }

    @Test
    void writesTheAnswerOfACallInFlightAfterTheInputEnds() throws Exception {
        stdio.initialize();
        stdio.call(1, "slow", "{}");
        stdio.awaitSlowStarted();

        stdio.input.close();
        stdio.awaitServed();
        stdio.connection.closeAll();
        assertFalse(stdio.connection.awaitEnd(Duration.ZERO), "ended with a call in flight");

        stdio.release();
        assertTrue(stdio.connection.awaitEnd(WAIT), "did not end once the call was answered");
        JsonObject slow = stdio.next();
        assertEquals(1, slow.get("id").getAsInt());
        assertEquals("released", firstText(slow));
        assertEquals(0, stdio.output.unterminated());
    }

    @Test
    void answersACallThatOutlastsTheShutdownGraceWithAnError() throws Exception {
        stdio.initialize();
        stdio.call(1, "slow", "{}");
        stdio.awaitSlowStarted();

        stdio.input.close();
        stdio.awaitServed();
        stdio.server.shutDown(Duration.ofMillis(50));
        stdio.connection.closeAll();

        assertTrue(stdio.connection.awaitEnd(WAIT));
        JsonObject stopped = stdio.next();
        assertEquals(1, stopped.get("id").getAsInt());
        assertEquals(-32004, errorCode(stopped));
    }

    @Test
    void refusesNewRequestsOnceShutdownHasBegun() throws Exception {
        stdio.initialize();
        stdio.connection.closeAll();

        stdio.call(1, "echo", "{\"text\":\"too late\"}");
        JsonObject refused = stdio.next();
        assertEquals(1, refused.get("id").getAsInt());
        assertEquals(-32004, errorCode(refused));
    }

    @Test
    void failsTheToolsWaitForTheClientWhenTheInputEnds() throws Exception {
        stdio.initialize();
        stdio.call(1, "ask_roots", "{}");
        assertEquals("roots/list", stdio.next().get("method").getAsString());

        stdio.input.close();

        JsonObject call = stdio.next();
        assertEquals(1, call.get("id").getAsInt());
        assertTrue(call.getAsJsonObject("result").get("isError").getAsBoolean(), call.toString());
    }

    @Test
    void stopsTheCallsInFlightWhenTheOutputIsGone() throws Exception {
        stdio.initialize();
        stdio.call(1, "slow", "{}");
        stdio.awaitSlowStarted();

        stdio.output.breakPipe();
        stdio.send("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"ping\"}");

        stdio.slowInterrupted.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static int errorCode(JsonObject response) {
        assertTrue(response.has("error"), "not an error: " + response);
        return response.getAsJsonObject("error").get("code").getAsInt();
    }

    private static String firstText(JsonObject response) {
        assertTrue(response.has("result"), "not a result: " + response);
        return response.getAsJsonObject("result")
                .getAsJsonArray("content")
                .get(0)
                .getAsJsonObject()
                .get("text")
                .getAsString();
    }
}
