package io.clgmcp.server.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import java.io.IOException;

/**
 * The SSE transport as the cluster tests use it: a stream opened on one instance, and JSON-RPC
 * messages POSTed for it to any instance, in either dialect.
 */
final class Sse {
    private Sse() {}

    /** An open stream and the connection id its {@code connected} event gave. */
    record Connection(EventStream stream, String id, String token) implements AutoCloseable {
        /** The next {@code mcp-response} event's JSON-RPC response. */
        JsonObject nextResponse() {
            return stream.next("mcp-response").json();
        }

        @Override
        public void close() {
            stream.close();
        }
    }

    /** Opens {@code GET /sse} on that instance with that token (none if null), once connected. */
    static Connection connect(ClusterNode node, String token) {
        EventStream stream = EventStream.get(node.uri("/sse"), Http.bearer(token));
        try {
            assertEquals(200, stream.awaitStatus(), node::output);
            String id = stream.next("connected").json().get("connectionId").getAsString();
            return new Connection(stream, id, token);
        } catch (AssertionError e) {
            stream.close();
            throw e;
        }
    }

    /** {@code POST /sse} of that message for that connection, with the caller's token. */
    static Http.Reply post(ClusterNode node, String token, String connectionId, JsonObject message)
            throws IOException, InterruptedException {
        JsonObject body = message.deepCopy();
        body.addProperty("protocol", "sse");
        body.addProperty("connectionId", connectionId);
        return Http.post(node.uri("/sse"), body.toString(), Http.bearer(token));
    }

    /** {@code POST /sse} of that message for that open connection, with its token. */
    static Http.Reply post(ClusterNode node, Connection connection, JsonObject message)
            throws IOException, InterruptedException {
        return post(node, connection.token(), connection.id(), message);
    }

    /** {@code POST /sse/message?connectionId=...} of that message (the 2024-11-05 transport). */
    static Http.Reply postLegacy(ClusterNode node, Connection connection, JsonObject message)
            throws IOException, InterruptedException {
        return Http.post(
                node.uri("/sse/message?connectionId=" + connection.id()),
                message.toString(),
                Http.bearer(connection.token()));
    }

    /** A JSON-RPC request without params. */
    static JsonObject request(long id, String method) {
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("id", id);
        request.addProperty("method", method);
        return request;
    }

    /** Whether a reply is {@code 200 {"status":"sent"}}: the request was taken. */
    static boolean sent(Http.Reply reply) {
        return reply.status() == 200 && "sent".equals(reply.json().get("status").getAsString());
    }

    /** Asserts a refusal with that status and error code. */
    static void assertRefused(int status, int code, Http.Reply reply) {
        assertEquals(status, reply.status(), reply::toString);
        assertEquals(code, reply.json().get("code").getAsInt(), reply::toString);
    }
}
