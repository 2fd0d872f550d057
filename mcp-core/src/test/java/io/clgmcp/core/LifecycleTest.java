package io.clgmcp.core;

import static io.clgmcp.core.RecordingSink.errorOf;
import static io.clgmcp.core.RecordingSink.request;
import static io.clgmcp.core.RecordingSink.resultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LifecycleTest {
    private static final ServerInfo INFO = new ServerInfo("clg-mcp", "1.2.3", "CLG-MCP");
    private static final String INSTRUCTIONS = "Search Cyndi's List by category.";

    private final McpServer server =
            McpServer.builder().serverInfo(INFO).instructions(INSTRUCTIONS).build();
    private final Session session = new Session("session-1", MessageSink.DISCARD);

    @AfterEach
    void closeServer() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"})
    void echoesASupportedProtocolVersion(String version) throws Exception {
        JsonObject result = resultOf(initialize(version));

        assertEquals(version, result.get("protocolVersion").getAsString());
        assertEquals(Optional.of(version), session.protocolVersion());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1999-01-01", "2026-01-01", "", "latest"})
    void answersAnUnknownProtocolVersionWithTheLatest(String version) throws Exception {
        JsonObject result = resultOf(initialize(version));

        assertEquals("2025-11-25", result.get("protocolVersion").getAsString());
        assertEquals(Optional.of("2025-11-25"), session.protocolVersion());
    }

    @Test
    void describesTheServerInTheInitializeResult() throws Exception {
        JsonObject result = resultOf(initialize("2025-06-18"));

        assertEquals(
                JsonParser.parseString(
                        "{\"name\":\"clg-mcp\",\"version\":\"1.2.3\",\"title\":\"CLG-MCP\"}"),
                result.get("serverInfo"));
        assertTrue(result.getAsJsonObject("capabilities").get("tools").isJsonObject());
        assertEquals(INSTRUCTIONS, result.get("instructions").getAsString());
    }

    @Test
    void leavesOutTitleAndInstructionsThatWereNotConfigured() throws Exception {
        try (McpServer plain =
                McpServer.builder().serverInfo(new ServerInfo("plain", "0.1", null)).build()) {
            JsonObject result =
                    resultOf(
                            RecordingSink.exchange(
                                    plain, session, initializeRequest(1, "2025-06-18")));

            assertEquals(
                    JsonParser.parseString("{\"name\":\"plain\",\"version\":\"0.1\"}"),
                    result.get("serverInfo"));
            assertFalse(result.has("instructions"));
        }
    }

    @Test
    void remembersTheClientInfoOnTheSession() throws Exception {
        JsonRpcResponse response =
                RecordingSink.exchange(
                        server,
                        session,
                        request(
                                1,
                                "initialize",
                                "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                                        + "\"clientInfo\":{\"name\":\"inspector\",\"version\":\"9\"}}"));

        resultOf(response);
        assertEquals("inspector", session.clientInfo().orElseThrow().get("name").getAsString());
        assertFalse(session.isInitialized(), "initialized only once the client confirms");
    }

    @Test
    void refusesInitializeWithoutParams() throws Exception {
        errorOf(exchange(request(1, "initialize", null)), ErrorCode.INVALID_PARAMS);
        assertEquals(Optional.empty(), session.protocolVersion());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"capabilities\":{},\"clientInfo\":{\"name\":\"c\",\"version\":\"1\"}}",
                "{\"protocolVersion\":20250618}",
                "{\"protocolVersion\":null}",
                "{\"protocolVersion\":[\"2025-06-18\"]}"
            })
    void refusesInitializeWithoutAProtocolVersionString(String params) throws Exception {
        JsonRpcResponse response = exchange(request(1, "initialize", params));

        String message = errorOf(response, ErrorCode.INVALID_PARAMS).message();
        assertTrue(message.contains("protocolVersion"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"notifications/initialized", "initialized"})
    void initializedNotificationMarksTheSessionInitializedWithoutAReply(String method)
            throws Exception {
        resultOf(initialize("2025-06-18"));
        RecordingSink sink = new RecordingSink();

        server.receive(session, new JsonRpcNotification(method, null), sink);

        assertTrue(session.isInitialized());
        assertOnlyPingAnswered(sink);
    }

    @Test
    void initializedNotificationBeforeInitializeChangesNothing() throws Exception {
        RecordingSink sink = new RecordingSink();

        server.receive(session, new JsonRpcNotification("notifications/initialized", null), sink);

        assertFalse(session.isInitialized());
        assertEquals(Optional.empty(), session.protocolVersion());
        assertOnlyPingAnswered(sink);
    }

    /** Sends a ping through the sink, then checks that its answer is all the sink ever got. */
    private void assertOnlyPingAnswered(RecordingSink sink) throws Exception {
        server.receive(session, request(99, "ping", null), sink);
        JsonRpcResponse pong = sink.awaitResponse(99);
        assertEquals(List.of(pong), sink.messages());
    }

    private JsonRpcResponse initialize(String version) throws Exception {
        return exchange(initializeRequest(1, version));
    }

    private static JsonRpcRequest initializeRequest(long id, String version) {
        return request(
                id,
                "initialize",
                "{\"protocolVersion\":\""
                        + version
                        + "\",\"capabilities\":{},"
                        + "\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}");
    }

    private JsonRpcResponse exchange(JsonRpcRequest request) throws Exception {
        return RecordingSink.exchange(server, session, request);
    }
}
