package io.clgmcp.core;

import static io.clgmcp.core.RecordingSink.errorOf;
import static io.clgmcp.core.RecordingSink.request;
import static io.clgmcp.core.RecordingSink.resultOf;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import io.clgmcp.core.jsonrpc.McpException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ToolCallsTest {
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.0.0", null);
    private static final String COUNT_SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"count\":{\"type\":\"integer\"}},"
                    + "\"required\":[\"count\"]}";

    private final AtomicInteger searches = new AtomicInteger();
    private final McpServer server =
            McpServer.builder()
                    .serverInfo(INFO)
                    .tool(searchTool())
                    .tool(
                            tool(
                                    "failing",
                                    context -> {
                                        throw new IllegalStateException("the catalogue is offline");
                                    }))
                    .tool(tool("silent", context -> null))
                    .tool(
                            tool(
                                    "refusing",
                                    context -> {
                                        throw new McpException(
                                                ErrorCode.INVALID_PARAMS, "no such surname");
                                    }))
                    .tool(countingTool("counted", structured("{\"count\":3}")))
                    .tool(countingTool("miscounted", structured("{\"count\":\"many\"}")))
                    .tool(countingTool("plain-counted", context -> ToolResult.text("3")))
                    .tool(tool("progressing", ToolCallsTest::reportTwice))
                    .build();
    private final Session session = Session.ephemeral();
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void runsTheHandlerWithTheArguments() throws Exception {
        JsonObject result = call("{\"name\":\"search\",\"arguments\":{\"query\":\"Smith\"}}");

        assertFalse(result.get("isError").getAsBoolean());
        assertEquals("found Smith", textOf(result));
        assertEquals(1, searches.get());
    }

    @Test
    void refusesACallWithoutParamsAsInvalidParams() throws Exception {
        errorOf(exchange(null), ErrorCode.INVALID_PARAMS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"arguments\":{}}", "{\"name\":5}", "{\"name\":null}"})
    void refusesACallWithoutAToolName(String params) throws Exception {
        String message = errorOf(exchange(params), ErrorCode.INVALID_PARAMS).message();

        assertTrue(message.contains("name"), message);
    }

    @Test
    void refusesAnUnknownToolNamingIt() throws Exception {
        String message =
                errorOf(exchange("{\"name\":\"nonesuch\"}"), ErrorCode.INVALID_PARAMS).message();

        assertTrue(message.contains("nonesuch"), message);
    }

    @Test
    void refusesArgumentsOfTheWrongTypeBeforeRunningTheHandler() throws Exception {
        String message =
                errorOf(
                                exchange("{\"name\":\"search\",\"arguments\":{\"query\":5}}"),
                                ErrorCode.INVALID_PARAMS)
                        .message();

        assertTrue(message.contains("/query"), message);
        assertEquals(0, searches.get(), "the handler must not run");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"name\":\"search\"}", "{\"name\":\"search\",\"arguments\":{}}"})
    void refusesArgumentsMissingARequiredPropertyBeforeRunningTheHandler(String params)
            throws Exception {
        String message = errorOf(exchange(params), ErrorCode.INVALID_PARAMS).message();

        assertTrue(message.contains("query"), message);
        assertEquals(0, searches.get(), "the handler must not run");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\":\"search\",\"arguments\":[\"Smith\"]}",
                "{\"name\":\"search\",\"arguments\":\"Smith\"}",
                "{\"name\":\"search\",\"arguments\":7}"
            })
    void refusesArgumentsThatAreNotAnObject(String params) throws Exception {
        String message = errorOf(exchange(params), ErrorCode.INVALID_PARAMS).message();

        assertTrue(message.contains("arguments"), message);
        assertEquals(0, searches.get(), "the handler must not run");
    }

    @Test
    void turnsAThrowingHandlerIntoAnErrorResultWithoutStackTrace() throws Exception {
        JsonObject result = call("{\"name\":\"failing\"}");

        assertTrue(result.get("isError").getAsBoolean());
        String text = textOf(result);
        assertTrue(text.contains("the catalogue is offline"), text);
        assertFalse(text.contains("at io.clgmcp"), text);
        assertFalse(result.toString().contains("at io.clgmcp"), result.toString());
    }

    @Test
    void turnsAMissingResultIntoAnErrorResult() throws Exception {
        assertTrue(call("{\"name\":\"silent\"}").get("isError").getAsBoolean());
    }

    @Test
    void letsAHandlerAnswerWithAJsonRpcError() throws Exception {
        String message =
                errorOf(exchange("{\"name\":\"refusing\"}"), ErrorCode.INVALID_PARAMS).message();

        assertEquals("Invalid params: no such surname", message);
    }

    @Test
    void returnsStructuredContentThatMatchesTheOutputSchema() throws Exception {
        JsonObject result = call("{\"name\":\"counted\"}");

        assertFalse(result.get("isError").getAsBoolean());
        assertEquals(JsonParser.parseString("{\"count\":3}"), result.get("structuredContent"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"miscounted", "plain-counted"})
    void turnsOutputThatBreaksTheOutputSchemaIntoAnErrorResult(String name) throws Exception {
        JsonObject result = call("{\"name\":\"" + name + "\"}");

        assertTrue(result.get("isError").getAsBoolean());
        assertFalse(result.has("structuredContent"));
        assertTrue(textOf(result).contains("output schema"), textOf(result));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"job-7\"", "12345678901234567890"})
    void sendsProgressWithTheCallersTokenBeforeTheResponse(String token) throws Exception {
        server.receive(
                session,
                request(
                        1,
                        "tools/call",
                        "{\"name\":\"progressing\",\"_meta\":{\"progressToken\":" + token + "}}"),
                sink);
        JsonRpcResponse response = sink.awaitResponse(1);

        List<JsonRpcMessage> messages = sink.messages();
        assertEquals(3, messages.size(), messages::toString);
        assertProgress(
                messages.get(0),
                token,
                "{\"progress\":1.0,\"total\":2.0,\"message\":\"half way\"}");
        assertProgress(messages.get(1), token, "{\"progress\":2.0}");
        assertEquals(response, messages.get(2));
        assertEquals("reported", textOf(resultOf(response)));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"{\"name\":\"progressing\"}", "{\"name\":\"progressing\",\"_meta\":{}}"})
    void sendsNoProgressWithoutAToken(String params) throws Exception {
        server.receive(session, request(1, "tools/call", params), sink);
        JsonRpcResponse response = sink.awaitResponse(1);

        assertEquals(List.of(response), sink.messages());
        assertEquals("reported", textOf(resultOf(response)));
    }

    @Test
    @Timeout(30)
    void refusesCallWhenQueueIsFull() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Tool blocking =
                tool(
                        "blocking",
                        context -> {
                            started.countDown();
                            if (!release.await(10, SECONDS)) {
                                throw new IllegalStateException("never released");
                            }
                            return ToolResult.text("released");
                        });
        try (McpServer small =
                McpServer.builder()
                        .serverInfo(INFO)
                        .options(new ServerOptions(50, 1, 1))
                        .tool(blocking)
                        .build()) {
            try {
                small.receive(session, request(1, "tools/call", "{\"name\":\"blocking\"}"), sink);
                assertTrue(started.await(5, SECONDS), "the first call never started");
                small.receive(session, request(2, "tools/call", "{\"name\":\"blocking\"}"), sink);
                small.receive(session, request(3, "tools/call", "{\"name\":\"blocking\"}"), sink);

                JsonRpcResponse refused = sink.awaitResponse(3);

                assertEquals(-32000, errorOf(refused, ErrorCode.SERVER_BUSY).code());
                assertEquals(List.of(refused), sink.messages(), "calls 1 and 2 are still pending");
            } finally {
                release.countDown();
            }
            assertEquals("released", textOf(resultOf(sink.awaitResponse(1))));
            assertEquals("released", textOf(resultOf(sink.awaitResponse(2))));
        }
    }

    private static void assertProgress(JsonRpcMessage message, String token, String expected) {
        JsonRpcNotification progress = (JsonRpcNotification) message;
        JsonObject params = JsonParser.parseString(expected).getAsJsonObject();
        params.add("progressToken", JsonParser.parseString(token));

        assertEquals("notifications/progress", progress.method());
        assertEquals(params, progress.params());
    }

    private static ToolResult reportTwice(ToolContext context) {
        context.reportProgress(1, 2.0, "half way");
        context.reportProgress(2, null, null);
        return ToolResult.text("reported");
    }

    private Tool searchTool() {
        return Tool.builder("search")
                .description("Searches the catalogue")
                .inputSchema(
                        "{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"}},"
                                + "\"required\":[\"query\"]}")
                .handler(
                        context -> {
                            searches.incrementAndGet();
                            return ToolResult.text(
                                    "found " + context.arguments().get("query").getAsString());
                        })
                .build();
    }

    /** A tool that declares an output schema of {"count": integer}. */
    private static Tool countingTool(String name, ToolHandler handler) {
        return toolBuilder(name).outputSchema(COUNT_SCHEMA).handler(handler).build();
    }

    private static ToolHandler structured(String json) {
        return context -> ToolResult.structured(JsonParser.parseString(json).getAsJsonObject());
    }

    private static Tool tool(String name, ToolHandler handler) {
        return toolBuilder(name).handler(handler).build();
    }

    private static Tool.Builder toolBuilder(String name) {
        return Tool.builder(name).description("A tool").inputSchema("{\"type\":\"object\"}");
    }

    private JsonRpcResponse exchange(String params) throws Exception {
        return RecordingSink.exchange(server, session, request(1, "tools/call", params));
    }

    private JsonObject call(String params) throws Exception {
        return resultOf(exchange(params));
    }

    private static String textOf(JsonObject result) {
        JsonObject block = result.getAsJsonArray("content").get(0).getAsJsonObject();
        assertEquals(new JsonPrimitive("text"), block.get("type"));
        return block.get("text").getAsString();
    }
}
