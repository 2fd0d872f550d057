package io.clgmcp.server.limits;

import static io.clgmcp.server.limits.Callers.ALPHA;
import static io.clgmcp.server.limits.Callers.BETA;
import static io.clgmcp.server.limits.Callers.shortHash;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code SSE_MAX_CONNECTIONS_PER_TOKEN}, and the streams per caller {@code /health} shows. */
@Timeout(60)
class SseCallerLimitTest {
    @RegisterExtension final Callers callers = new Callers();

    @Test
    void refusesACallersStreamOverItsLimitWhileAnotherCallerConnects() throws Exception {
        TestServer server =
                callers.start(
                        "SSE_MAX_CONNECTIONS_PER_TOKEN", "2",
                        "RATE_LIMIT_RPS", "0",
                        // A closed stream is noticed at the next heartbeat.
                        "SSE_HEARTBEAT_INTERVAL", "100");
        String first = callers.openStream(server, ALPHA).body();
        assertEquals(200, callers.openStream(server, ALPHA).status());

        Reply refused = callers.openStream(server, ALPHA);

        assertEquals(429, refused.status(), refused::toString);
        assertTrue(
                refused.header("Retry-After").orElse("").matches("[1-9][0-9]*"),
                () -> "Retry-After: " + refused.headers());
        assertEquals(
                JsonParser.parseString(
                        "{\"error\":\"Too many SSE connections for this caller\","
                                + "\"code\":-32005}"),
                refused.json());
        assertEquals(200, callers.openStream(server, BETA).status());
        JsonObject health = server.get("/health").json();
        JsonObject perCaller = new JsonObject();
        perCaller.addProperty(shortHash(ALPHA), 2);
        perCaller.addProperty(shortHash(BETA), 1);
        assertEquals(perCaller, health.getAsJsonObject("connectionsPerCaller"));
        assertEquals(1, health.getAsJsonObject("refusals").get("connectionLimit").getAsInt());
        assertEquals(
                2,
                health.getAsJsonObject("sse")
                        .getAsJsonObject("stats")
                        .get("maxConnectionsPerCaller")
                        .getAsInt());

        callers.closeStream(first);
        awaitStreams(server, shortHash(ALPHA), 1);

        assertEquals(200, callers.openStream(server, ALPHA).status());
    }

    @Test
    void capsNothingPerCallerAtZero() throws Exception {
        TestServer server =
                callers.start("SSE_MAX_CONNECTIONS_PER_TOKEN", "0", "RATE_LIMIT_RPS", "0");

        for (int i = 0; i < 12; i++) {
            assertEquals(200, callers.openStream(server, ALPHA).status());
        }

        assertEquals(
                12,
                server.get("/health")
                        .json()
                        .getAsJsonObject("connectionsPerCaller")
                        .get(shortHash(ALPHA))
                        .getAsInt());
    }

    @Test
    void capsTenStreamsPerCallerByDefault() throws Exception {
        TestServer server = callers.start("RATE_LIMIT_RPS", "0");
        for (int i = 0; i < 10; i++) {
            assertEquals(200, callers.openStream(server, ALPHA).status());
        }

        assertEquals(429, callers.openStream(server, ALPHA).status());
    }

    @Test
    void listsNoCallerOnceItsStreamsEnd() throws Exception {
        TestServer server = callers.start("SSE_HEARTBEAT_INTERVAL", "100");
        String stream = callers.openStream(server, ALPHA).body();

        callers.closeStream(stream);

        awaitStreams(server, shortHash(ALPHA), 0);
        assertEquals(
                new JsonObject(),
                server.get("/health").json().getAsJsonObject("connectionsPerCaller"));
    }

    /** Polls {@code /health} until the caller shows that many streams (absent for none). */
    private static void awaitStreams(TestServer server, String caller, int expected)
            throws Exception {
        long deadline = System.nanoTime() + TestServer.TIMEOUT.toNanos();
        while (true) {
            JsonObject perCaller =
                    server.get("/health").json().getAsJsonObject("connectionsPerCaller");
            int streams = perCaller.has(caller) ? perCaller.get(caller).getAsInt() : 0;
            if (streams == expected) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(caller + " never had " + expected + ": " + perCaller);
            }
        }
    }
}
