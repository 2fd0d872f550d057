package io.clgmcp.server.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer.Reply;

/** Assertions the tests of messages pushed to an SSE client share. */
final class SsePushAssertions {
    private SsePushAssertions() {}

    /** A request POSTed to {@code /sse} is answered {@code 200 {"status":"sent"}}. */
    static void assertSent(Reply reply) {
        assertEquals(200, reply.status(), reply::toString);
        assertTrue(
                reply.header("Content-Type").orElse("").startsWith("application/json"),
                reply::toString);
        assertEquals(JsonParser.parseString("{\"status\":\"sent\"}"), reply.json());
    }

    /**
     * A POSTed notification or response (and anything POSTed to the endpoint) gets 202, no body.
     */
    static void assertAccepted(Reply reply) {
        assertEquals(202, reply.status(), reply::toString);
        assertEquals("", reply.body(), reply::toString);
    }

    /**
     * Asserts the fields the seed protocol adds to every message it delivers on a stream: {@code
     * "protocol":"sse"}, the connection's id, and a timestamp no earlier than {@code before}.
     */
    static void assertStamped(JsonObject data, String connectionId, long before) {
        assertEquals("sse", data.get("protocol").getAsString(), data::toString);
        assertEquals(connectionId, data.get("connectionId").getAsString(), data::toString);
        assertTrue(data.get("timestamp").getAsJsonPrimitive().isNumber(), data::toString);
        assertTrue(data.get("timestamp").getAsLong() >= before, data::toString);
    }
}
