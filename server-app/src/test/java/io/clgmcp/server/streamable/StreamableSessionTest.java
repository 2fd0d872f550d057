package io.clgmcp.server.streamable;

import static io.clgmcp.server.streamable.McpHttp.assertRpcError;
import static io.clgmcp.server.streamable.McpHttp.assertSessionNotFound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /mcp} sessions: opened by {@code initialize}, named by every later message, ended. */
@Timeout(60)
class StreamableSessionTest {
    private static final String UNKNOWN_SESSION = "0123456789abcdef0123456789abcdef";

    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private TestServer server;
    private McpHttp mcp;

    @BeforeEach
    void start() throws Exception {
        server = servers.start(Map.of(), TestTools.echo());
        mcp = new McpHttp(server);
    }

    @Test
    void opensASessionOnInitializeAndNamesItInTheMcpSessionIdHeader() throws Exception {
        Reply reply = mcp.initialize();

        JsonObject result = McpHttp.result(reply, 1);
        assertEquals("2025-06-18", result.get("protocolVersion").getAsString(), reply::toString);
        String session = reply.header(McpHttp.SESSION_HEADER).orElse("");
        assertTrue(McpHttp.SESSION_ID.matcher(session).matches(), reply::toString);
    }

    @Test
    void givesEveryInitializeADifferentSession() throws Exception {
        Set<String> sessions = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Reply reply = mcp.initialize();
            assertEquals(200, reply.status(), reply::toString);
            sessions.add(reply.header(McpHttp.SESSION_HEADER).orElseThrow());
        }

        assertEquals(20, sessions.size(), sessions::toString);
    }

    @Test
    void opensNoSessionWhenInitializeFails() throws Exception {
        Reply reply = mcp.post(null, McpHttp.initializeRequest(1, null));

        assertEquals(-32602, reply.json().getAsJsonObject("error").get("code").getAsInt());
        assertEquals(1, reply.json().get("id").getAsInt(), reply::toString);
        assertFalse(reply.header(McpHttp.SESSION_HEADER).isPresent(), reply::toString);
    }

    @Test
    void refusesARequestWithoutASessionWith400() throws Exception {
        Reply reply = mcp.post(null, McpHttp.ping(7));

        assertRpcError(reply, 400, -32600);
        assertEquals(7, reply.json().get("id").getAsInt(), reply::toString);
    }

    @Test
    void refusesANotificationWithoutASessionWith400() throws Exception {
        Reply reply = mcp.post(null, McpHttp.notification("notifications/initialized"));

        assertRpcError(reply, 400, -32600);
    }

    @Test
    void refusesAnUnknownSessionWith404() throws Exception {
        Reply reply = mcp.post(UNKNOWN_SESSION, McpHttp.ping(8));

        assertSessionNotFound(reply);
        assertEquals(8, reply.json().get("id").getAsInt(), reply::toString);
    }

    @Test
    void answersARequestInItsSessionWithTheSameId() throws Exception {
        String session = mcp.open();

        Reply reply = mcp.post(session, McpHttp.ping(42));

        assertEquals(new JsonObject(), McpHttp.result(reply, 42));
        assertFalse(reply.header(McpHttp.SESSION_HEADER).isPresent(), reply::toString);
    }

    @Test
    void acceptsANotificationWith202AndAnEmptyBody() throws Exception {
        String session = mcp.initialize().header(McpHttp.SESSION_HEADER).orElseThrow();

        Reply reply = mcp.post(session, McpHttp.notification("notifications/initialized"));

        assertEquals(202, reply.status(), reply::toString);
        assertEquals("", reply.body(), reply::toString);
    }

    @Test
    void acceptsAClientResponseWith202AndAnEmptyBody() throws Exception {
        String session = mcp.open();

        Reply reply = mcp.post(session, "{\"jsonrpc\":\"2.0\",\"id\":\"s-1\",\"result\":{}}");

        assertEquals(202, reply.status(), reply::toString);
        assertEquals("", reply.body(), reply::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25"})
    void acceptsEverySupportedProtocolVersionHeader(String version) throws Exception {
        String session = mcp.open();

        Reply reply = mcp.post(session, McpHttp.ping(3), McpHttp.VERSION_HEADER, version);

        McpHttp.result(reply, 3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-01-01", "2099-12-31", "latest"})
    void refusesAnUnsupportedProtocolVersionHeaderWith400(String version) throws Exception {
        String session = mcp.open();

        Reply reply = mcp.post(session, McpHttp.ping(5), McpHttp.VERSION_HEADER, version);

        assertRpcError(reply, 400, -32600);
        assertEquals(5, reply.json().get("id").getAsInt(), reply::toString);
    }

    @Test
    void endsASessionOnDeleteAfterWhichItIsNotFound() throws Exception {
        String session = mcp.open();

        Reply deleted = mcp.delete(session);

        assertEquals(204, deleted.status(), deleted::toString);
        mcp.assertGone(session);
        assertSessionNotFound(mcp.post(session, McpHttp.notification("notifications/cancelled")));
        assertSessionNotFound(mcp.delete(session));
    }

    @Test
    void endsOnlyTheDeletedSession() throws Exception {
        String ended = mcp.open();
        String kept = mcp.open();

        assertEquals(204, mcp.delete(ended).status());

        mcp.assertGone(ended);
        mcp.assertAlive(kept);
    }

    @Test
    void refusesADeleteWithoutASessionWith400() throws Exception {
        assertRpcError(mcp.delete(null), 400, -32600);
    }

    @Test
    void refusesADeleteOfAnUnknownSessionWith404() throws Exception {
        assertSessionNotFound(mcp.delete(UNKNOWN_SESSION));
    }
}
