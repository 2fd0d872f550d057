package io.clgmcp.server.limits;

import static io.clgmcp.server.limits.Callers.ALPHA;
import static io.clgmcp.server.limits.Callers.BETA;
import static io.clgmcp.server.limits.Callers.assertRateLimited;
import static io.clgmcp.server.limits.Callers.initialize;
import static io.clgmcp.server.limits.Callers.messagePing;
import static io.clgmcp.server.limits.Callers.ping;
import static io.clgmcp.server.limits.Callers.seedPing;
import static io.clgmcp.server.limits.Callers.untilRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code RATE_LIMIT_RPS} and {@code RATE_LIMIT_BURST} on every transport: a caller's burst is
 * admitted, then it gets 429 with {@code Retry-After} and -32005, while another caller is served.
 */
@Timeout(60)
class RateLimitTest {
    @RegisterExtension final Callers callers = new Callers();

    @Test
    void refusesRpcOverTheRateWhileAnotherCallerIsServed() throws Exception {
        TestServer server = callers.start("RATE_LIMIT_RPS", "1", "RATE_LIMIT_BURST", "3");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, ping(server, ALPHA).status());
        }

        assertRateLimited(untilRefused(() -> ping(server, ALPHA)));

        assertEquals(200, ping(server, BETA).status());
    }

    @Test
    void refusesStreamablePostsOverTheRate() throws Exception {
        TestServer server = callers.start("RATE_LIMIT_RPS", "1", "RATE_LIMIT_BURST", "2");
        assertEquals(200, initialize(server, ALPHA).status());

        assertRateLimited(untilRefused(() -> initialize(server, ALPHA)));

        assertEquals(200, initialize(server, BETA).status());
    }

    @Test
    void refusesSeedSsePostsOverTheRate() throws Exception {
        TestServer server = callers.start("RATE_LIMIT_RPS", "1", "RATE_LIMIT_BURST", "2");
        String stream = callers.openStream(server, ALPHA).body();
        assertEquals(200, seedPing(server, ALPHA, stream).status());

        assertRateLimited(untilRefused(() -> seedPing(server, ALPHA, stream)));

        String other = callers.openStream(server, BETA).body();
        assertEquals(200, seedPing(server, BETA, other).status());
    }

    @Test
    void refusesMessagePostsOverTheRate() throws Exception {
        TestServer server = callers.start("RATE_LIMIT_RPS", "1", "RATE_LIMIT_BURST", "2");
        String stream = callers.openStream(server, ALPHA).body();
        assertEquals(202, messagePing(server, ALPHA, stream).status());

        assertRateLimited(untilRefused(() -> messagePing(server, ALPHA, stream)));
    }

    @Test
    void refusesOpeningStreamsOverTheRate() throws Exception {
        TestServer server =
                callers.start(
                        "RATE_LIMIT_RPS", "1",
                        "RATE_LIMIT_BURST", "1",
                        "SSE_MAX_CONNECTIONS_PER_TOKEN", "0");
        assertEquals(200, callers.openStream(server, ALPHA).status());

        assertRateLimited(untilRefused(() -> callers.openStream(server, ALPHA)));

        assertEquals(200, callers.openStream(server, BETA).status());
    }

    @Test
    void admitsTheCallerAgainOnceItsBucketRefills() throws Exception {
        TestServer server = callers.start("RATE_LIMIT_RPS", "50", "RATE_LIMIT_BURST", "1");
        assertRateLimited(untilRefused(() -> ping(server, ALPHA)));

        long deadline = System.nanoTime() + TestServer.TIMEOUT.toNanos();
        Reply reply = ping(server, ALPHA);
        while (reply.status() == 429 && System.nanoTime() < deadline) {
            reply = ping(server, ALPHA);
        }

        assertEquals(200, reply.status(), reply::toString);
    }

    @Test
    void limitsTheRemoteAddressWhenAccessIsOpen() throws Exception {
        TestServer server =
                callers.start(
                        "MCP_AUTH_TOKENS", "", "RATE_LIMIT_RPS", "1", "RATE_LIMIT_BURST", "2");

        assertRateLimited(untilRefused(() -> ping(server, null)));
    }

    @Test
    void leavesPreflightsAlone() throws Exception {
        TestServer server = callers.start("RATE_LIMIT_RPS", "1", "RATE_LIMIT_BURST", "1");
        assertRateLimited(untilRefused(() -> ping(server, ALPHA)));

        Reply preflight =
                server.send(
                        "OPTIONS",
                        "/rpc",
                        null,
                        "Origin",
                        "http://localhost:3000",
                        "Access-Control-Request-Method",
                        "POST");

        assertEquals(204, preflight.status(), preflight::toString);
    }

    @Test
    void limitsNothingWhenTheRateIsZero() throws Exception {
        TestServer server = callers.start("RATE_LIMIT_RPS", "0", "RATE_LIMIT_BURST", "1");

        for (int i = 0; i < 20; i++) {
            assertNotEquals(429, ping(server, ALPHA).status());
        }
        assertEquals(
                0, server.get("/health").json().getAsJsonObject("refusals").get("rate").getAsInt());
    }
}
