package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.server.TestServer.Reply;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class CorsTest {
    private static final String LOCAL_APP = "http://localhost:5173";
    private static final String EVIL = "http://evil.example";
    private static final String TOKEN = "cors-token";

    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private TestServer server;

    private void start(String allowedOrigins) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("MCP_AUTH_TOKEN", TOKEN);
        if (allowedOrigins != null) {
            settings.put("CORS_ALLOWED_ORIGINS", allowedOrigins);
        }
        server = servers.start(settings, TestTools.echo());
    }

    private Reply preflight(String path, String origin) throws Exception {
        return server.send(
                "OPTIONS",
                path,
                null,
                "Origin",
                origin,
                "Access-Control-Request-Method",
                "POST",
                "Access-Control-Request-Headers",
                "authorization, content-type");
    }

    /** A JSON-RPC {@code ping} to {@code /rpc} with these headers. */
    private Reply ping(String... headers) throws Exception {
        return server.post("/rpc", TestServer.request("ping", null), headers);
    }

    private static void assertPreflightAllowed(Reply reply, String origin) {
        assertEquals(204, reply.status(), reply::toString);
        assertEquals(origin, reply.header("Access-Control-Allow-Origin").orElse(null));
        String headers = reply.header("Access-Control-Allow-Headers").orElse("");
        assertTrue(
                lists(headers, "Authorization"),
                () -> "Authorization should be allowed: " + headers);
        assertTrue(
                lists(headers, "Content-Type"), () -> "Content-Type should be allowed: " + headers);
        assertTrue(
                reply.header("Access-Control-Allow-Methods").orElse("").contains("POST"),
                reply::toString);
    }

    /** Whether a comma-separated header value lists that name, in any case. */
    private static boolean lists(String values, String name) {
        return Arrays.stream(values.split(",")).map(String::trim).anyMatch(name::equalsIgnoreCase);
    }

    private static void assertPreflightRefused(Reply reply) {
        assertEquals(403, reply.status(), reply::toString);
        assertTrue(reply.header("Access-Control-Allow-Origin").isEmpty(), reply::toString);
        assertTrue(reply.header("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("Forbidden", reply.json().get("error").getAsString());
    }

    @Test
    void answersPreflightFromLocalhostWithoutAuthentication() throws Exception {
        start(null);

        Reply reply = preflight("/rpc", LOCAL_APP);

        assertPreflightAllowed(reply, LOCAL_APP);
        assertTrue(reply.header("WWW-Authenticate").isEmpty(), reply::toString);
    }

    @Test
    void answersPreflightToTheLegacyRootEndpoint() throws Exception {
        start(null);

        assertPreflightAllowed(preflight("/", "http://127.0.0.1:3000"), "http://127.0.0.1:3000");
    }

    @Test
    void refusesPreflightFromAnOriginNotAllowed() throws Exception {
        start(null);

        assertPreflightRefused(preflight("/rpc", EVIL));
        assertPreflightRefused(preflight("/rpc", "http://localhost.evil.example"));
        assertPreflightRefused(preflight("/rpc", "null"));
    }

    @Test
    void marksRepliesToAnAllowedOriginReadable() throws Exception {
        start(null);

        Reply admitted = ping("Origin", LOCAL_APP, "Authorization", "Bearer " + TOKEN);
        Reply refused = ping("Origin", LOCAL_APP);

        assertEquals(200, admitted.status(), admitted::toString);
        assertEquals(new JsonObject(), admitted.result());
        assertEquals(LOCAL_APP, admitted.header("Access-Control-Allow-Origin").orElse(null));
        assertEquals(401, refused.status(), refused::toString);
        assertEquals(LOCAL_APP, refused.header("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void doesNotMarkRepliesToAnotherOriginReadable() throws Exception {
        start(null);

        Reply reply = ping("Origin", EVIL, "Authorization", "Bearer " + TOKEN);

        assertFalse(reply.header("Access-Control-Allow-Origin").isPresent(), reply::toString);
    }

    @Test
    void allowsExactlyTheConfiguredOrigin() throws Exception {
        start("https://app.example");

        assertPreflightAllowed(preflight("/rpc", "https://app.example"), "https://app.example");
        assertPreflightRefused(preflight("/rpc", LOCAL_APP));
        assertPreflightRefused(preflight("/rpc", "http://app.example"));
        assertPreflightRefused(preflight("/rpc", "https://app.example.evil.example"));
    }

    @Test
    void allowsAnyOriginWithWildcard() throws Exception {
        start("*");

        assertPreflightAllowed(preflight("/rpc", EVIL), EVIL);
        assertPreflightAllowed(preflight("/rpc", LOCAL_APP), LOCAL_APP);
    }
}
