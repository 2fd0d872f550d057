package io.clgmcp.core;

import static io.clgmcp.core.RecordingSink.errorOf;
import static io.clgmcp.core.RecordingSink.request;
import static io.clgmcp.core.RecordingSink.resultOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcError;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class McpServerTest {
    private final McpServer server =
            McpServer.builder().serverInfo(new ServerInfo("clg-mcp", "1.0.0", null)).build();
    private final Session session = Session.ephemeral();
    private final RecordingSink sink = new RecordingSink();

    @AfterEach
    void closeServer() {
        server.close();
    }

    @Test
    void answersPingWithAnEmptyObject() throws Exception {
        server.receive(session, request(1, "ping", null), sink);

        assertEquals(new JsonObject(), resultOf(sink.awaitResponse(1)));
        assertEquals(1, sink.messages().size());
    }

    @Test
    void answersAnUnknownMethodWithMethodNotFoundNamingIt() throws Exception {
        server.receive(session, request(1, "resources/list", "{}"), sink);

        JsonRpcError error = errorOf(sink.awaitResponse(1), ErrorCode.METHOD_NOT_FOUND);
        assertEquals("Method not found: resources/list", error.message());
    }

    @Test
    void ignoresAResponseFromTheClient() throws Exception {
        server.receive(session, JsonRpcResponse.success(JsonRpcId.of(1), new JsonObject()), sink);
        server.receive(
                session,
                JsonRpcResponse.failure(JsonRpcId.of(2), JsonRpcError.of(ErrorCode.INTERNAL_ERROR)),
                sink);

        assertOnlyPingAnswered();
    }

    @Test
    void ignoresAnUnknownNotification() throws Exception {
        server.receive(session, new JsonRpcNotification("notifications/cancelled", null), sink);

        assertOnlyPingAnswered();
    }

    @Test
    void refusesToBuildWithoutServerInfo() {
        assertThrows(IllegalStateException.class, () -> McpServer.builder().build());
    }

    private void assertOnlyPingAnswered() throws Exception {
        server.receive(session, request(99, "ping", null), sink);
        JsonRpcResponse pong = sink.awaitResponse(99);
        assertEquals(List.of(pong), sink.messages());
    }
}
