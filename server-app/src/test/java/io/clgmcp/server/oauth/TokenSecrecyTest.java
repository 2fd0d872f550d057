package io.clgmcp.server.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No access token, accepted or refused, ever shows in the server's logs (down to DEBUG), in its
 * answers, or in {@code /health} and {@code GET /}.
 */
@Timeout(60)
class TokenSecrecyTest {
    @RegisterExtension final ServerFixture servers = new ServerFixture();
    @RegisterExtension final LocalIssuer issuer = new LocalIssuer();
    @RegisterExtension final CapturedLogs logs = new CapturedLogs();

    @Test
    void noTokenAppearsInLogsAnswersOrHealth() throws Exception {
        TestServer server =
                servers.start(
                        issuer.settings("OAUTH_REQUIRED_SCOPES", "mcp:tools"), TestTools.echo());
        List<String> tokens =
                List.of(
                        issuer.token().scope("mcp:tools").signed(),
                        issuer.token().signed(),
                        issuer.token().scope("mcp:tools").expiresIn(Duration.ofHours(-1)).signed(),
                        issuer.token().scope("mcp:tools").signedWith(LocalIssuer.FORGED).signed(),
                        issuer.token().claim("aud", "https://other.example").signed(),
                        issuer.token().keyId("made-up").signed(),
                        issuer.token().unsigned(),
                        "opaque-secret-token-0123456789");
        List<Reply> replies = new ArrayList<>();
        for (String token : tokens) {
            replies.add(OAuthCalls.echo(server, token, "x"));
            replies.add(OAuthCalls.initialize(server, token));
        }
        issuer.failWith(503);
        String unchecked = issuer.token().scope("mcp:tools").keyId("another-made-up").signed();
        replies.add(OAuthCalls.echo(server, unchecked, "x"));
        Reply health = server.get("/health");
        Reply about = server.get("/");

        assertEquals(
                List.of(200, 200, 403, 403),
                replies.subList(0, 4).stream().map(Reply::status).toList());
        List<String> seen = new ArrayList<>(logs.lines());
        replies.forEach(reply -> seen.add(reply.headers().map() + " " + reply.body()));
        seen.add(health.body());
        seen.add(about.body());
        List<String> secrets = new ArrayList<>(tokens);
        secrets.add(unchecked);
        for (String secret : secrets) {
            String signature = secret.substring(secret.lastIndexOf('.') + 1);
            for (String text : seen) {
                assertFalse(text.contains(secret), () -> "a token shows in: " + text);
                assertFalse(
                        !signature.isEmpty() && text.contains(signature),
                        () -> "a token's signature shows in: " + text);
            }
        }
        assertTrue(logs.lines().size() > tokens.size(), "the server logged its refusals at DEBUG");
        assertEquals(List.of(), logs.faults(), "logged as faults");
    }
}
