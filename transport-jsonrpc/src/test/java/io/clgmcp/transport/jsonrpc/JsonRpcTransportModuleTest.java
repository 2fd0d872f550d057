package io.clgmcp.transport.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.clgmcp.core.McpEndpoint;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.ServerInfo;
import io.clgmcp.transport.jsonrpc.TestServer.Reply;
import io.clgmcp.transport.jsonrpc.internal.JsonRpcServlet;
import jakarta.servlet.http.HttpServlet;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JsonRpcTransportModuleTest {
    private static final int LIMIT = 64;
    private static final Key<Map<String, HttpServlet>> ENDPOINTS =
            Key.get(new TypeLiteral<Map<String, HttpServlet>>() {}, McpEndpoint.class);

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(mcp -> endpoints(mcp).get("/rpc"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void mountsOneJsonRpcServletAtRpcAndContextRoot() {
        try (McpServer mcp =
                McpServer.builder().serverInfo(new ServerInfo("module", "1", null)).build()) {
            Map<String, HttpServlet> endpoints = endpoints(mcp);

            assertEquals(Set.of("/rpc", ""), endpoints.keySet());
            assertInstanceOf(JsonRpcServlet.class, endpoints.get("/rpc"));
            assertSame(endpoints.get("/rpc"), endpoints.get(""));
        }
    }

    @Test
    void givesServletTheConfiguredBodyLimit() {
        String ping = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
        String tooLarge = ping + " ".repeat(LIMIT + 1 - ping.length());

        Reply accepted = server.post(ping);
        Reply refused = server.post("/rpc", "application/json", BodyPublishers.ofString(tooLarge));

        assertEquals(200, accepted.status());
        assertEquals(413, refused.status());
    }

    private static Map<String, HttpServlet> endpoints(McpServer mcp) {
        return Guice.createInjector(
                        new JsonRpcTransportModule(LIMIT),
                        binder -> binder.bind(McpServer.class).toInstance(mcp))
                .getInstance(ENDPOINTS);
    }
}
