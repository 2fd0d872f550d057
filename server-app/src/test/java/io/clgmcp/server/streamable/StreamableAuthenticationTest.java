package io.clgmcp.server.streamable;

import static io.clgmcp.server.streamable.McpHttp.assertSessionNotFound;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bearer tokens on {@code /mcp}: who may call, and whose sessions they may use. */
@Timeout(60)
class StreamableAuthenticationTest {
    private static final String TOKEN_A = "a-token";
    private static final String TOKEN_B = "b-token";

    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private TestServer server;
    private McpHttp callerA;
    private McpHttp callerB;

    @BeforeEach
    void start() throws Exception {
        server =
                servers.start(Map.of("MCP_AUTH_TOKENS", TOKEN_A + "," + TOKEN_B), TestTools.echo());
        callerA = new McpHttp(server, TOKEN_A);
        callerB = new McpHttp(server, TOKEN_B);
    }

    private static void assertUnauthorized(Reply reply) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("Bearer", reply.header("WWW-Authenticate").orElse(null), reply::toString);
        assertFalse(reply.header(McpHttp.SESSION_HEADER).isPresent(), reply::toString);
    }

    @Test
    void refusesAnInitializeWithoutATokenWith401() throws Exception {
        assertUnauthorized(new McpHttp(server).initialize());
    }

    @Test
    void refusesAnInitializeWithAWrongTokenWith401() throws Exception {
        assertUnauthorized(new McpHttp(server, "c-token").initialize());
    }

    @Test
    void refusesMessagesAndDeletesWithoutATokenEvenInAValidSession() throws Exception {
        String session = callerA.open();
        McpHttp anonymous = new McpHttp(server);

        assertUnauthorized(anonymous.post(session, McpHttp.ping(2)));
        assertUnauthorized(anonymous.delete(session));

        callerA.assertAlive(session);
    }

    @Test
    void servesASessionToTheTokenThatOpenedIt() throws Exception {
        String session = callerA.open();

        assertEquals(
                "echo: mine", McpHttp.toolText(callerA.post(session, McpHttp.echo(3, "mine")), 3));
    }

    @Test
    void hidesASessionFromAnotherToken() throws Exception {
        String session = callerA.open();

        assertSessionNotFound(callerB.post(session, McpHttp.ping(4)));
        assertSessionNotFound(
                callerB.post(session, McpHttp.notification("notifications/initialized")));
        assertSessionNotFound(callerB.delete(session));

        callerA.assertAlive(session);
    }
}
