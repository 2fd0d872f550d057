package io.clgmcp.server.streamable;

import static io.clgmcp.server.streamable.McpHttp.assertRpcError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code Origin} check of {@code /mcp}, which defeats DNS rebinding. */
@Timeout(60)
class StreamableOriginTest {
    private static final String ORIGIN = "Origin";

    @RegisterExtension final ServerFixture servers = new ServerFixture();

    private McpHttp start(Map<String, String> settings) throws Exception {
        return new McpHttp(servers.start(settings, TestTools.echo()));
    }

    @Test
    void allowsARequestWithoutOrigin() throws Exception {
        McpHttp mcp = start(Map.of());

        McpHttp.result(mcp.initialize(), 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:6274", "http://127.0.0.1:3000", "https://localhost"})
    void allowsLoopbackOriginsByDefault(String origin) throws Exception {
        McpHttp mcp = start(Map.of());
        String session = mcp.open();

        Reply reply = mcp.post(session, McpHttp.ping(2), ORIGIN, origin);

        McpHttp.result(reply, 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://evil.example", "http://localhost.evil.example", "null"})
    void refusesOtherOriginsByDefaultWith403(String origin) throws Exception {
        McpHttp mcp = start(Map.of());

        Reply reply = mcp.post(null, McpHttp.initializeRequest(1, "2025-06-18"), ORIGIN, origin);

        assertRpcError(reply, 403, -32600);
        assertFalse(reply.header(McpHttp.SESSION_HEADER).isPresent(), reply::toString);
    }

    @Test
    void refusesADisallowedOriginBeforeLookingAtTheSession() throws Exception {
        McpHttp mcp = start(Map.of());
        String session = mcp.open();

        assertRpcError(
                mcp.post(session, McpHttp.ping(3), ORIGIN, "https://evil.example"), 403, -32600);
        assertRpcError(mcp.delete(session, ORIGIN, "https://evil.example"), 403, -32600);

        mcp.assertAlive(session);
    }

    @Test
    void allowsExactlyTheConfiguredOrigins() throws Exception {
        McpHttp mcp = start(Map.of("MCP_ALLOWED_ORIGINS", "https://app.example"));
        String session = mcp.open();

        McpHttp.result(mcp.post(session, McpHttp.ping(4), ORIGIN, "https://app.example"), 4);
        for (String other :
                new String[] {
                    "http://app.example",
                    "https://app.example:8443",
                    "https://other.example",
                    "http://localhost:6274"
                }) {
            assertRpcError(mcp.post(session, McpHttp.ping(5), ORIGIN, other), 403, -32600);
        }
    }

    @Test
    void endsASessionOnDeleteFromAnAllowedOrigin() throws Exception {
        McpHttp mcp = start(Map.of("MCP_ALLOWED_ORIGINS", "https://app.example"));
        String session = mcp.open();

        Reply deleted = mcp.delete(session, ORIGIN, "https://app.example");

        assertEquals(204, deleted.status(), deleted::toString);
        mcp.assertGone(session);
    }
}
