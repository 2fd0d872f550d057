package io.clgmcp.server.oauth;

import static io.clgmcp.server.oauth.OAuthCalls.assertRefused;
import static io.clgmcp.server.oauth.OAuthCalls.echo;
import static io.clgmcp.server.oauth.OAuthCalls.echoed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * OAuth resource-server mode end to end: a {@link LocalIssuer} on loopback publishes keys and signs
 * tokens, and a real server checks them on every MCP endpoint.
 */
@Timeout(60)
class OAuthAuthenticationTest {
    @RegisterExtension final ServerFixture servers = new ServerFixture();
    @RegisterExtension final LocalIssuer issuer = new LocalIssuer();
    @RegisterExtension final CapturedLogs logs = new CapturedLogs();

    private TestServer server;

    @AfterEach
    void loggedNoFaults() {
        assertEquals(List.of(), logs.faults(), "logged as faults");
    }

    private TestServer start(String... settings) throws Exception {
        server = servers.start(issuer.settings(settings), TestTools.echo());
        return server;
    }

    private Reply echoWith(String token) throws Exception {
        return echo(server, token, "hi");
    }

    private void assertInvalid(String token, String why) throws Exception {
        assertRefused(echoWith(token), 401, "invalid_token", why);
    }

    @Test
    void aValidTokenCallsToolsOverRpcMcpAndSse() throws Exception {
        start();
        String token = issuer.token().signed();

        assertEquals("echo: hi", echoed(echoWith(token)));
        String session = OAuthCalls.openSession(server, token);
        assertEquals(
                "echo: streamed",
                echoed(
                        OAuthCalls.mcp(
                                server, token, session, OAuthCalls.echoRequest(2, "streamed"))));
        Reply sse = OAuthCalls.openSse(server, token);
        assertEquals(200, sse.status(), sse::toString);
        assertEquals("event: connected", sse.body());
    }

    @Test
    void acceptsTokensSignedWithTheIssuersEcKey() throws Exception {
        start();

        assertEquals(
                "echo: hi", echoed(echoWith(issuer.token().signedWith(LocalIssuer.EC).signed())));
    }

    @Test
    void refusesARequestWithoutTokenPointingToTheMetadata() throws Exception {
        start();

        Map<String, String> challenge = assertRefused(echoWith(null), 401, null, "missing");
        assertFalse(challenge.containsKey("scope"), challenge::toString);
        assertRefused(
                server.post("/rpc", OAuthCalls.echoRequest(1, "x"), "Authorization", "Basic eHl6"),
                401,
                null,
                "malformed");
        assertRefused(OAuthCalls.initialize(server, null), 401, null, "missing");
        Reply sse = OAuthCalls.openSse(server, null);
        assertRefused(sse, 401, null, "missing");
    }

    @Test
    void refusesTokensForAnotherAudienceOrFromAnotherIssuer() throws Exception {
        start();

        assertInvalid(
                issuer.token().claim("aud", "https://other.example.com/mcp").signed(),
                "not issued for this server");
        assertInvalid(issuer.token().claim("aud", null).signed(), "not issued for this server");
        assertInvalid(
                issuer.token().claim("iss", "https://auth.example.com").signed(), "another issuer");
    }

    @Test
    void acceptsTheAudienceAmongOthersAndWithAnUpperCaseHost() throws Exception {
        start();

        assertEquals(
                "echo: hi",
                echoed(
                        echoWith(
                                issuer.token()
                                        .claim(
                                                "aud",
                                                List.of(
                                                        "https://api.example.com",
                                                        LocalIssuer.AUDIENCE))
                                        .signed())));
        assertEquals(
                "echo: hi",
                echoed(
                        echoWith(
                                issuer.token()
                                        .claim("aud", "HTTPS://MCP.EXAMPLE.COM/mcp")
                                        .signed())));
    }

    @Test
    void refusesExpiredAndNotYetValidTokensWithinASmallClockSkew() throws Exception {
        start();

        assertInvalid(issuer.token().expiresIn(Duration.ofMinutes(-5)).signed(), "expired");
        assertInvalid(issuer.token().claim("exp", null).signed(), "no expiry");
        assertInvalid(
                issuer.token()
                        .claim("nbf", java.util.Date.from(java.time.Instant.now().plusSeconds(300)))
                        .signed(),
                "not valid yet");
        assertEquals(
                "echo: hi",
                echoed(echoWith(issuer.token().expiresIn(Duration.ofSeconds(-5)).signed())));
    }

    @Test
    void refusesTokensWithoutSubject() throws Exception {
        start();

        assertInvalid(issuer.token().subject(null).signed(), "no subject");
    }

    @Test
    void refusesForgedUnsignedAndWronglySignedTokens() throws Exception {
        start();

        assertInvalid(
                issuer.token().signedWith(LocalIssuer.FORGED).signed(), "signature is invalid");
        assertInvalid(issuer.token().unsigned(), "alg none");
        assertInvalid(issuer.token().signedWithSecret(), "algorithm is not accepted");
        assertInvalid(
                issuer.token().signedWith(LocalIssuer.NEXT_RSA).signed(),
                "not signed by a key the issuer publishes");
        assertInvalid(
                issuer.token().type(new JOSEObjectType("id_token+jwt")).signed(), "type (typ)");
    }

    @Test
    void refusesMalformedTokens() throws Exception {
        start();

        assertInvalid("not-a-jwt", "not a JWT");
        assertInvalid("a.b.c", "not a JWT");
        String valid = issuer.token().signed();
        assertInvalid(valid.substring(0, valid.length() - 4), "signature is invalid");
    }

    @Test
    void acceptsATokenOfAKeyTheIssuerStartedPublishingAfterTheServerCachedItsKeys()
            throws Exception {
        start();
        assertEquals("echo: hi", echoed(echoWith(issuer.token().signed())));
        assertEquals("echo: hi", echoed(echoWith(issuer.token().signed())));
        assertEquals(1, issuer.fetches(), "the keys are fetched once, then cached");

        issuer.publish(LocalIssuer.NEXT_RSA);

        assertEquals(
                "echo: hi",
                echoed(echoWith(issuer.token().signedWith(LocalIssuer.NEXT_RSA).signed())));
        assertEquals(2, issuer.fetches(), "an unknown key id refreshes the keys once");
    }

    @Test
    void tokensWithMadeUpKeyIdsCannotMakeTheServerHammerTheIssuer() throws Exception {
        start();

        for (int i = 0; i < 6; i++) {
            assertInvalid(
                    issuer.token().keyId(UUID.randomUUID().toString()).signed(),
                    "not signed by a key the issuer publishes");
        }
        assertTrue(issuer.fetches() <= 2, () -> issuer.fetches() + " fetches of the keys");
        assertEquals("echo: hi", echoed(echoWith(issuer.token().signed())));
    }

    @Test
    void answers503WhenTheIssuersKeysCannotBeFetched() throws Exception {
        issuer.failWith(500);
        start();

        for (int i = 0; i < 4; i++) {
            Reply reply = echoWith(issuer.token().signed());
            assertEquals(503, reply.status(), reply::toString);
            assertEquals("30", reply.header("Retry-After").orElse(null), reply::toString);
            assertFalse(reply.header("WWW-Authenticate").isPresent(), reply::toString);
            OAuthCalls.assertJsonFailure(reply, "Service Unavailable", "signing keys");
        }
        assertTrue(
                logs.lines().stream()
                        .anyMatch(line -> line.startsWith("WARN") && line.contains("/jwks")),
                logs.lines()::toString);
    }

    @Test
    void answers503WhenNothingListensAtTheJwksUrl() throws Exception {
        int port;
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        start("OAUTH_JWKS_URL", "http://127.0.0.1:" + port + "/jwks");

        Reply reply = echoWith(issuer.token().signed());

        assertEquals(503, reply.status(), reply::toString);
        OAuthCalls.assertJsonFailure(reply, "Service Unavailable", "try again later");
    }

    @Test
    void requiresEveryConfiguredScope() throws Exception {
        start("OAUTH_REQUIRED_SCOPES", "mcp:tools, mcp:read");

        Map<String, String> missing = assertRefused(echoWith(null), 401, null, "missing");
        assertEquals("mcp:tools mcp:read", missing.get("scope"));
        Map<String, String> invalid =
                assertRefused(echoWith("not-a-jwt"), 401, "invalid_token", "not a JWT");
        assertEquals("mcp:tools mcp:read", invalid.get("scope"));

        Map<String, String> none =
                assertRefused(
                        echoWith(issuer.token().signed()), 403, "insufficient_scope", "mcp:tools");
        assertEquals("mcp:tools mcp:read", none.get("scope"));
        Map<String, String> one =
                assertRefused(
                        echoWith(issuer.token().scope("mcp:tools openid").signed()),
                        403,
                        "insufficient_scope",
                        "mcp:read");
        assertEquals("mcp:tools mcp:read", one.get("scope"));

        assertEquals(
                "echo: hi",
                echoed(echoWith(issuer.token().scope("openid mcp:read mcp:tools").signed())));
        assertEquals(
                "echo: hi",
                echoed(
                        echoWith(
                                issuer.token()
                                        .claim("scp", List.of("mcp:read", "mcp:tools"))
                                        .signed())));
    }

    @Test
    void aSessionBelongsToTheTokensSubjectNotToTheTokenItself() throws Exception {
        start();
        String session = OAuthCalls.openSession(server, issuer.token().signed());

        Reply refreshed =
                OAuthCalls.mcp(
                        server,
                        issuer.token().signed(),
                        session,
                        OAuthCalls.echoRequest(2, "same"));
        Reply otherSubject =
                OAuthCalls.mcp(
                        server,
                        issuer.token().subject("bob").signed(),
                        session,
                        OAuthCalls.echoRequest(3, "other"));

        assertEquals("echo: same", echoed(refreshed));
        assertEquals(404, otherSubject.status(), otherSubject::toString);
    }
}
