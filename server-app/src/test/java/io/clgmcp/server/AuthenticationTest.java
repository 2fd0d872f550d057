package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.server.TestServer.Reply;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class AuthenticationTest {
    private static final String PING = TestServer.request("ping", null);

    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private TestServer server;

    private TestServer start(Map<String, String> settings) throws Exception {
        server = servers.start(settings, TestTools.echo());
        return server;
    }

    private Reply ping(String path, String... headers) throws Exception {
        return server.post(path, PING, headers);
    }

    private Reply pingWithToken(String token) throws Exception {
        return ping("/rpc", TestServer.bearer(token));
    }

    private static void assertAdmitted(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(new JsonObject(), reply.result());
    }

    private static void assertRefused(Reply reply, String why) {
        assertEquals(401, reply.status(), reply::toString);
        assertEquals("Bearer", reply.header("WWW-Authenticate").orElse(null));
        assertTrue(
                reply.header("Content-Type").orElse("").startsWith("application/json"),
                reply::toString);
        JsonObject body = reply.json();
        assertEquals(Set.of("error", "message", "timestamp"), body.keySet(), reply::toString);
        assertEquals("Unauthorized", body.get("error").getAsString());
        assertTrue(
                body.get("message").getAsString().toLowerCase().contains(why),
                () -> "message should say '" + why + "': " + reply);
        assertTrue(body.get("timestamp").getAsJsonPrimitive().isNumber(), reply::toString);
        assertTrue(body.get("timestamp").getAsLong() > 0, reply::toString);
    }

    @Test
    void admitsTheSingleTokenAndRefusesOthersWhenOnlyTokenIsSet() throws Exception {
        start(Map.of("MCP_AUTH_TOKEN", "solo-secret"));

        assertAdmitted(pingWithToken("solo-secret"));
        assertRefused(pingWithToken("other-secret"), "invalid");
        assertRefused(ping("/rpc"), "missing");
    }

    @Test
    void admitsEveryListedTokenWhenOnlyTokensListIsSet() throws Exception {
        start(Map.of("MCP_AUTH_TOKENS", "first-token, second-token,third-token"));

        assertAdmitted(pingWithToken("first-token"));
        assertAdmitted(pingWithToken("second-token"));
        assertAdmitted(pingWithToken("third-token"));
    }

    @Test
    void refusesRequestWithoutTokenWhenOnlyTokensListIsSet() throws Exception {
        start(Map.of("MCP_AUTH_TOKENS", "first-token,second-token"));

        assertRefused(ping("/rpc"), "missing");
        assertRefused(ping("/"), "missing");
        assertRefused(pingWithToken("first-token,second-token"), "malformed");
        assertRefused(pingWithToken("third-token"), "invalid");
    }

    @Test
    void admitsTokensOfBothSettingsWhenBothAreSet() throws Exception {
        start(Map.of("MCP_AUTH_TOKEN", "solo-secret", "MCP_AUTH_TOKENS", "list-a,list-b"));

        assertAdmitted(pingWithToken("solo-secret"));
        assertAdmitted(pingWithToken("list-a"));
        assertAdmitted(pingWithToken("list-b"));
        assertRefused(pingWithToken("list-c"), "invalid");
        assertRefused(ping("/rpc"), "missing");
    }

    @Test
    void refusesRequestWithoutAuthorizationAsMissing() throws Exception {
        start(Map.of("MCP_AUTH_TOKEN", "solo-secret"));

        Reply reply = ping("/rpc");

        assertRefused(reply, "missing");
    }

    @Test
    void refusesAuthorizationOfAnotherSchemeAsMalformed() throws Exception {
        start(Map.of("MCP_AUTH_TOKEN", "solo-secret"));

        assertRefused(ping("/rpc", "Authorization", "Basic xyz"), "malformed");
        assertRefused(ping("/rpc", "Authorization", "Basic solo-secret"), "malformed");
    }

    @Test
    void refusesBearerWithoutTokenAsMalformed() throws Exception {
        start(Map.of("MCP_AUTH_TOKEN", "solo-secret"));

        assertRefused(ping("/rpc", "Authorization", "Bearer"), "malformed");
    }

    @Test
    void refusesWrongTokenAsInvalid() throws Exception {
        start(Map.of("MCP_AUTH_TOKEN", "solo-secret"));

        assertRefused(pingWithToken("solo-secreT"), "invalid");
        assertRefused(pingWithToken("solo-secret-and-more"), "invalid");
        assertRefused(pingWithToken("solo"), "invalid");
    }

    @Test
    void closesTheConnectionAfterRefusingARequestWhoseBodyItDidNotRead() throws Exception {
        start(Map.of("MCP_AUTH_TOKEN", "solo-secret"));

        Reply refused = pingWithToken("wrong");
        Reply health = server.get("/health");

        assertEquals("close", refused.header("Connection").orElse(null), refused::toString);
        assertTrue(health.header("Connection").isEmpty(), health::toString);
    }

    @Test
    void acceptsTheSchemeNameInAnyCase() throws Exception {
        start(Map.of("MCP_AUTH_TOKEN", "solo-secret"));

        assertAdmitted(ping("/rpc", "Authorization", "bearer solo-secret"));
        assertAdmitted(ping("/rpc", "Authorization", "BEARER solo-secret"));
    }

    @Test
    void protectsTheLegacyRootEndpointLikeRpc() throws Exception {
        start(Map.of("MCP_AUTH_TOKENS", "root-token"));

        assertRefused(ping("/"), "missing");
        assertRefused(ping("/", "Authorization", "Basic xyz"), "malformed");
        assertRefused(ping("/", TestServer.bearer("wrong-token")), "invalid");
        assertAdmitted(ping("/", TestServer.bearer("root-token")));
    }

    @Test
    void refusesToolCallsWithoutTokenBeforeRunningThem() throws Exception {
        start(Map.of("MCP_AUTH_TOKEN", "solo-secret"));

        Reply refused =
                server.rpc(null, "tools/call", TestServer.toolCall("echo", "{\"text\":\"x\"}"));
        Reply admitted =
                server.rpc(
                        "solo-secret",
                        "tools/call",
                        TestServer.toolCall("echo", "{\"text\":\"x\"}"));

        assertRefused(refused, "missing");
        assertFalse(refused.body().contains("echo: x"));
        assertEquals("echo: x", admitted.firstText());
    }

    @Test
    void admitsEveryoneWhenNoTokenIsConfigured() throws Exception {
        start(Map.of());

        assertTrue(TestServer.config(Map.of()).isOpenAccess());
        assertAdmitted(ping("/rpc"));
        assertAdmitted(ping("/"));
        assertAdmitted(ping("/rpc", "Authorization", "Bearer anything-at-all"));
        assertEquals("echo: open", server.callTool("echo", "{\"text\":\"open\"}").firstText());
    }

    @Test
    void isNotOpenAccessWhenEitherTokenSettingIsSet() {
        assertFalse(TestServer.config(Map.of("MCP_AUTH_TOKEN", "a")).isOpenAccess());
        assertFalse(TestServer.config(Map.of("MCP_AUTH_TOKENS", "a,b")).isOpenAccess());
        assertEquals(
                Set.of("a", "b", "c"),
                TestServer.config(Map.of("MCP_AUTH_TOKEN", "a", "MCP_AUTH_TOKENS", "b,c"))
                        .authTokens());
    }
}
