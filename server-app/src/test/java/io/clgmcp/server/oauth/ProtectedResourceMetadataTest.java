package io.clgmcp.server.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /.well-known/oauth-protected-resource}: RFC 9728 metadata, open, only in OAuth mode. */
@Timeout(60)
class ProtectedResourceMetadataTest {
    private static final String ROOT = "/.well-known/oauth-protected-resource";

    @RegisterExtension final ServerFixture servers = new ServerFixture();
    @RegisterExtension final LocalIssuer issuer = new LocalIssuer();

    private void assertMetadata(Reply reply, List<String> scopes) {
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(
                reply.header("Content-Type").orElse("").startsWith("application/json"),
                reply::toString);
        assertEquals("*", reply.header("Access-Control-Allow-Origin").orElse(null));
        JsonObject expected = new JsonObject();
        expected.addProperty("resource", LocalIssuer.AUDIENCE);
        JsonArray servers = new JsonArray();
        servers.add(issuer.issuer());
        expected.add("authorization_servers", servers);
        if (!scopes.isEmpty()) {
            JsonArray supported = new JsonArray();
            scopes.forEach(supported::add);
            expected.add("scopes_supported", supported);
        }
        expected.add("bearer_methods_supported", JsonParser.parseString("[\"header\"]"));
        assertEquals(expected, reply.json());
    }

    @Test
    void servesTheMetadataWithoutATokenAtTheRootAndAfterEachEndpointPath() throws Exception {
        TestServer server = servers.start(issuer.settings(), TestTools.echo());

        for (String path : List.of(ROOT, ROOT + "/mcp", ROOT + "/rpc", ROOT + "/sse")) {
            assertMetadata(server.get(path), List.of());
        }
        assertEquals(404, server.get(ROOT + "/elsewhere").status());
    }

    @Test
    void listsTheRequiredScopesAsSupported() throws Exception {
        TestServer server =
                servers.start(
                        issuer.settings("OAUTH_REQUIRED_SCOPES", "mcp:tools,mcp:read"),
                        TestTools.echo());

        assertMetadata(server.get(ROOT), List.of("mcp:tools", "mcp:read"));
    }

    @Test
    void theChallengePointsToMetadataTheServerServesAtThatPath() throws Exception {
        TestServer server = servers.start(issuer.settings(), TestTools.echo());

        Reply refused = OAuthCalls.echo(server, null, "x");
        URI metadata = URI.create(OAuthCalls.challenge(refused).get("resource_metadata"));

        assertEquals(LocalIssuer.METADATA_URL, metadata.toString());
        assertMetadata(server.get(metadata.getPath()), List.of());
    }

    @Test
    void servesTheAudiencesPathToo() throws Exception {
        Map<String, String> settings = new HashMap<>(issuer.settings());
        settings.put("OAUTH_AUDIENCE", "https://mcp.example.com/public/mcp");
        TestServer server = servers.start(settings, TestTools.echo());

        Reply reply = server.get(ROOT + "/public/mcp");

        assertEquals(200, reply.status(), reply::toString);
        assertEquals(
                "https://mcp.example.com/public/mcp", reply.json().get("resource").getAsString());
    }

    @Test
    void answersPreflightsAndRefusesOtherMethods() throws Exception {
        TestServer server = servers.start(issuer.settings(), TestTools.echo());

        Reply preflight =
                server.send(
                        "OPTIONS",
                        ROOT,
                        null,
                        "Origin",
                        "https://app.example",
                        "Access-Control-Request-Method",
                        "GET",
                        "Access-Control-Request-Headers",
                        "mcp-protocol-version");
        Reply post = server.post(ROOT, "{}");

        assertEquals(204, preflight.status(), preflight::toString);
        assertEquals("*", preflight.header("Access-Control-Allow-Origin").orElse(null));
        assertEquals(405, post.status(), post::toString);
        assertTrue(post.header("Allow").orElse("").contains("GET"), post::toString);
        OAuthCalls.assertJsonFailure(post, "Method Not Allowed", "only GET and HEAD");
    }

    @Test
    void isNotServedWithoutOAuth() throws Exception {
        TestServer open = servers.start(Map.of(), TestTools.echo());
        TestServer withTokens =
                servers.start(Map.of("MCP_AUTH_TOKEN", "static-token"), TestTools.echo());

        for (TestServer server : List.of(open, withTokens)) {
            assertEquals(404, server.get(ROOT).status());
            assertEquals(404, server.get(ROOT + "/mcp").status());
        }
    }

    @Test
    void theServerDescriptionListsTheMetadataAsOpen() throws Exception {
        TestServer server = servers.start(issuer.settings(), TestTools.echo());

        Map<String, Boolean> auth = new HashMap<>();
        for (JsonElement endpoint : server.get("/").json().getAsJsonArray("endpoints")) {
            JsonObject object = endpoint.getAsJsonObject();
            auth.put(object.get("path").getAsString(), object.get("auth").getAsBoolean());
        }

        assertEquals(Boolean.FALSE, auth.get(ROOT));
        assertEquals(Boolean.TRUE, auth.get("/mcp"));
        assertEquals(Boolean.TRUE, auth.get("/rpc"));
        assertFalse(auth.containsKey(ROOT + "/mcp"));
        assertTrue(auth.keySet().containsAll(Set.of("/health", "/sse")), auth::toString);
    }
}
