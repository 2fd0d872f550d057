package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.server.TestServer.Reply;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JSON 404 and 405 answers. */
@Timeout(30)
class RoutingTest {
    private static final String TOKEN = "routing-token";
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("MCP_AUTH_TOKEN", TOKEN), TestTools.echo());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static void assertJsonError(Reply reply, int status, String error) {
        assertEquals(status, reply.status(), reply::toString);
        assertTrue(
                reply.header("Content-Type").orElse("").startsWith("application/json"),
                reply::toString);
        JsonObject body = reply.json();
        assertEquals(error, body.get("error").getAsString(), reply::toString);
        assertTrue(body.has("message"), reply::toString);
        assertTrue(body.get("timestamp").getAsJsonPrimitive().isNumber(), reply::toString);
    }

    private static void assertAllows(Reply reply, String method) {
        String allow =
                reply.header("Allow").orElseThrow(() -> new AssertionError("no Allow: " + reply));
        assertTrue(
                Arrays.stream(allow.split(",")).map(String::trim).anyMatch(method::equals),
                () -> "Allow should list " + method + ": " + allow);
    }

    @Test
    void answersAnUnknownPathWithJsonNotFound() throws Exception {
        Reply reply = server.get("/no/such/thing");

        assertJsonError(reply, 404, "Not Found");
        assertTrue(reply.json().get("message").getAsString().contains("/no/such/thing"));
    }

    @Test
    void answersAnUnknownPathWithNotFoundWhateverTheMethod() throws Exception {
        assertJsonError(server.post("/nothing-here", "{}"), 404, "Not Found");
        assertJsonError(server.get("/rpc/extra", TestServer.bearer(TOKEN)), 404, "Not Found");
    }

    @Test
    void refusesPutOnHealthWithJsonMethodNotAllowed() throws Exception {
        Reply reply = server.send("PUT", "/health", "{}");

        assertJsonError(reply, 405, "Method Not Allowed");
        assertAllows(reply, "GET");
    }

    @Test
    void refusesGetOnRpcWithJsonMethodNotAllowed() throws Exception {
        Reply reply = server.get("/rpc", TestServer.bearer(TOKEN));

        assertJsonError(reply, 405, "Method Not Allowed");
        assertAllows(reply, "POST");
    }

    @Test
    void refusesDeleteOnRootWithJsonMethodNotAllowed() throws Exception {
        Reply reply = server.send("DELETE", "/", null, TestServer.bearer(TOKEN));

        assertJsonError(reply, 405, "Method Not Allowed");
        assertAllows(reply, "POST");
    }

    @Test
    void answersJettysOwnErrorsWithJsonToo() throws Exception {
        Reply reply = server.get("/health", "X-Padding", "a".repeat(64 * 1024));

        assertJsonError(reply, 431, "Request Header Fields Too Large");
        assertFalse(reply.body().contains("<html"), reply::toString);
    }
}
