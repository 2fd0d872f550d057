package io.clgmcp.core;

import static io.clgmcp.core.RecordingSink.errorOf;
import static io.clgmcp.core.RecordingSink.request;
import static io.clgmcp.core.RecordingSink.resultOf;
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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code logging/setLevel} and the {@code notifications/message} a tool sends with it. */
@Timeout(30)
class LoggingTest {
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.0.0", null);
    private static final String DATA = "{\"query\":\"Smith\",\"hits\":3}";

    private final McpServer server =
            McpServer.builder()
                    .serverInfo(INFO)
                    .tool(tool("chatty", LoggingTest::logAtEveryLevel))
                    .tool(
                            tool(
                                    "shaped",
                                    context -> {
                                        context.log(
                                                LoggingLevel.WARNING,
                                                "catalogue",
                                                JsonParser.parseString(DATA));
                                        context.log(
                                                LoggingLevel.ERROR,
                                                null,
                                                new JsonPrimitive("no logger"));
                                        return ToolResult.text("shaped");
                                    }))
                    .build();
    private final RecordingSink outbound = new RecordingSink();
    private final Session session = new Session("session-1", outbound);

    @AfterEach
    void closeServer() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(LoggingLevel.class)
    void acceptsEveryLevelMcpDefinesByItsWireName(LoggingLevel level) throws Exception {
        JsonRpcResponse response = setLevel("{\"level\":\"" + level.wireName() + "\"}");

        assertEquals(new JsonObject(), resultOf(response));
        assertEquals(level, session.logLevel());
    }

    @Test
    void startsAtInfo() {
        assertEquals(LoggingLevel.INFO, session.logLevel());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"level\":\"verbose\"}",
                "{\"level\":\"DEBUG\"}",
                "{\"level\":\"Warning\"}",
                "{\"level\":\"warn\"}",
                "{\"level\":\"\"}",
                "{\"level\":3}",
                "{\"level\":true}",
                "{\"level\":null}",
                "{\"level\":{\"name\":\"debug\"}}",
                "{\"level\":[\"debug\"]}",
                "{}"
            })
    void refusesAnUnknownOrMissingLevelAsInvalidParamsKeepingTheLevel(String params)
            throws Exception {
        setLevel("{\"level\":\"error\"}");

        errorOf(setLevel(params), ErrorCode.INVALID_PARAMS);
        assertEquals(LoggingLevel.ERROR, session.logLevel());
    }

    @Test
    void refusesASetLevelWithoutParamsAsInvalidParams() throws Exception {
        errorOf(
                RecordingSink.exchange(server, session, request(1, "logging/setLevel", null)),
                ErrorCode.INVALID_PARAMS);
        assertEquals(LoggingLevel.INFO, session.logLevel());
    }

    @Test
    void sendsInfoAndMoreSevereButNotDebugByDefault() throws Exception {
        assertEquals(levelsFrom(LoggingLevel.INFO), loggedLevels(callChatty()));
    }

    @Test
    void sendsDebugOnceTheClientAsksForIt() throws Exception {
        resultOf(setLevel("{\"level\":\"debug\"}"));

        assertEquals(levelsFrom(LoggingLevel.DEBUG), loggedLevels(callChatty()));
    }

    @Test
    void sendsOnlyErrorAndMoreSevereAfterSetLevelError() throws Exception {
        resultOf(setLevel("{\"level\":\"error\"}"));

        List<String> levels = loggedLevels(callChatty());

        assertEquals(List.of("error", "critical", "alert", "emergency"), levels);
        assertFalse(levels.contains("warning"));
    }

    @Test
    void sendsOnlyEmergencyAfterSetLevelEmergency() throws Exception {
        resultOf(setLevel("{\"level\":\"emergency\"}"));

        assertEquals(List.of("emergency"), loggedLevels(callChatty()));
    }

    @Test
    void sendsLevelLoggerAndDataOnTheCallsSinkBeforeItsResponse() throws Exception {
        RecordingSink sink = new RecordingSink();
        server.receive(session, request(5, "tools/call", "{\"name\":\"shaped\"}"), sink);
        JsonRpcResponse response = sink.awaitResponse(5);

        List<JsonRpcMessage> messages = sink.messages();
        assertEquals(3, messages.size(), messages::toString);
        assertMessage(
                messages.get(0),
                "{\"level\":\"warning\",\"logger\":\"catalogue\",\"data\":" + DATA + "}");
        assertMessage(messages.get(1), "{\"level\":\"error\",\"data\":\"no logger\"}");
        assertEquals(response, messages.get(2));
        assertEquals(List.of(), outbound.messages(), "nothing on the session's own stream");
    }

    @Test
    void keepsEachSessionsLevelToItself() throws Exception {
        resultOf(setLevel("{\"level\":\"debug\"}"));
        Session other = new Session("session-2", MessageSink.DISCARD);

        RecordingSink sink = new RecordingSink();
        server.receive(other, request(9, "tools/call", "{\"name\":\"chatty\"}"), sink);
        sink.awaitResponse(9);

        assertEquals(LoggingLevel.INFO, other.logLevel());
        assertEquals(levelsFrom(LoggingLevel.INFO), loggedLevels(sink));
    }

    @Test
    void declaresTheLoggingCapabilityAtInitialize() throws Exception {
        JsonObject params =
                JsonParser.parseString(
                                "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                                        + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}")
                        .getAsJsonObject();
        JsonObject result =
                resultOf(
                        RecordingSink.exchange(
                                server, session, request(1, "initialize", params.toString())));

        JsonObject capabilities = result.getAsJsonObject("capabilities");
        assertEquals(new JsonObject(), capabilities.get("logging"), capabilities::toString);
        assertTrue(capabilities.get("tools").isJsonObject(), capabilities::toString);
    }

    private static ToolResult logAtEveryLevel(ToolContext context) {
        for (LoggingLevel level : LoggingLevel.values()) {
            context.log(level, "chatty", new JsonPrimitive(level.wireName()));
        }
        return ToolResult.text("logged");
    }

    private JsonRpcResponse setLevel(String params) throws Exception {
        return RecordingSink.exchange(server, session, request(1, "logging/setLevel", params));
    }

    private RecordingSink callChatty() throws Exception {
        RecordingSink sink = new RecordingSink();
        server.receive(session, request(2, "tools/call", "{\"name\":\"chatty\"}"), sink);
        JsonRpcResponse response = sink.awaitResponse(2);
        List<JsonRpcMessage> messages = sink.messages();
        assertEquals(response, messages.get(messages.size() - 1), "the response comes last");
        return sink;
    }

    /** The levels of the log messages a sink got, in order, checking the data of each. */
    private static List<String> loggedLevels(RecordingSink sink) {
        List<JsonRpcNotification> notifications = sink.notifications();
        for (JsonRpcNotification notification : notifications) {
            assertEquals("notifications/message", notification.method());
            JsonObject params = notification.params();
            assertEquals("chatty", params.get("logger").getAsString(), params::toString);
            assertEquals(params.get("level"), params.get("data"), params::toString);
        }
        return notifications.stream()
                .map(notification -> notification.params().get("level").getAsString())
                .toList();
    }

    private static List<String> levelsFrom(LoggingLevel least) {
        return Arrays.stream(LoggingLevel.values())
                .filter(level -> level.compareTo(least) >= 0)
                .map(LoggingLevel::wireName)
                .toList();
    }

    private static void assertMessage(JsonRpcMessage message, String expectedParams) {
        JsonRpcNotification notification = (JsonRpcNotification) message;
        assertEquals("notifications/message", notification.method());
        assertEquals(JsonParser.parseString(expectedParams), notification.params());
    }

    private static Tool tool(String name, ToolHandler handler) {
        return Tool.builder(name)
                .description("A tool")
                .inputSchema("{\"type\":\"object\"}")
                .handler(handler)
                .build();
    }
}
