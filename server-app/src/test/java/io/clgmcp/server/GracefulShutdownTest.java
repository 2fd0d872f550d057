package io.clgmcp.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer.Reply;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(60)
class GracefulShutdownTest {
    /** The code of a call the server stopped as it shut down. */
    private static final int SHUTTING_DOWN = -32004;

    /** A batch: the blocking tool (id 1), then an echo (id 2) that waits for a thread. */
    private static final String BLOCK_THEN_ECHO =
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"block\",\"arguments\":{}}},"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"queued\"}}}]";

    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private final TestTools.Blocking blocking = servers.blocking();
    private TestServer server;

    @Test
    void letsACallInFlightFinishBeforeStopping() throws Exception {
        server = servers.start(Map.of("SHUTDOWN_GRACE_MS", "10000"), blocking.tool);
        URI health = server.uri("/health");

        CompletableFuture<Reply> inFlight = server.callToolAsync("block", "{}");
        blocking.awaitEntered();
        CompletableFuture<Void> closing = server.closeInBackground();
        awaitRefusingConnections(health);
        assertFalse(inFlight.isDone(), "the call cannot finish before its tool is released");
        assertFalse(closing.isDone(), "the server must wait for the call in flight");
        blocking.release();

        Reply reply = inFlight.get(10, SECONDS);
        closing.get(10, SECONDS);

        assertEquals(200, reply.status(), reply::toString);
        assertFalse(reply.result().get("isError").getAsBoolean(), reply::toString);
        assertEquals("released", reply.firstText());
        assertThrows(IOException.class, () -> server.get("/health"));
    }

    @Test
    void letsACallOutlastJettysShutdownIdleTimeoutWithinTheGracePeriod() throws Exception {
        server = servers.start(Map.of("SHUTDOWN_GRACE_MS", "10000"), blocking.tool);

        CompletableFuture<Reply> inFlight = server.callToolAsync("block", "{}");
        blocking.awaitEntered();
        CompletableFuture<Void> closing = server.closeInBackground();
        awaitRefusingConnections(server.uri("/health"));
        // The call stays quiet for longer than Jetty's default shutdown idle timeout (1 s).
        long quietUntil = System.nanoTime() + SECONDS.toNanos(3);
        while (System.nanoTime() < quietUntil) {
            Thread.onSpinWait();
        }
        blocking.release();

        Reply reply = inFlight.get(10, SECONDS);
        closing.get(10, SECONDS);

        assertEquals(200, reply.status(), reply::toString);
        assertEquals("released", reply.firstText());
    }

    @Test
    void answersACallThatOutlastsTheGraceWithTheShutdownError() throws Exception {
        server = servers.start(Map.of("SHUTDOWN_GRACE_MS", "3000"), blocking.tool);

        CompletableFuture<Reply> inFlight = server.callToolAsync("block", "{}");
        blocking.awaitEntered();
        CompletableFuture<Void> closing = server.closeInBackground();

        Reply reply = inFlight.get(10, SECONDS);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(SHUTTING_DOWN, reply.error().get("code").getAsInt(), reply::toString);
        assertEquals(1, reply.json().get("id").getAsInt(), reply::toString);
        assertTrue(blocking.awaitInterrupted(), "the tool's call was not marked cancelled");
        closing.get(10, SECONDS);
        assertThrows(IOException.class, () -> server.get("/health"));
    }

    @Test
    void runsACallQueuedBeforeShutdownWithinTheGrace() throws Exception {
        server = startWithOneToolThread("10000");

        CompletableFuture<Reply> batch = server.sendAsync("POST", "/rpc", BLOCK_THEN_ECHO);
        blocking.awaitEntered();
        CompletableFuture<Void> closing = server.closeInBackground();
        awaitRefusingConnections(server.uri("/health"));
        blocking.release();

        JsonArray replies = JsonParser.parseString(batch.get(10, SECONDS).body()).getAsJsonArray();
        closing.get(10, SECONDS);

        assertEquals("released", textOf(replies, 1));
        assertEquals("echo: queued", textOf(replies, 2));
    }

    @Test
    void answersACallStillQueuedAfterTheGraceWithTheShutdownError() throws Exception {
        server = startWithOneToolThread("3000");

        CompletableFuture<Reply> batch = server.sendAsync("POST", "/rpc", BLOCK_THEN_ECHO);
        blocking.awaitEntered();
        CompletableFuture<Void> closing = server.closeInBackground();

        Reply reply = batch.get(10, SECONDS);
        JsonArray replies = JsonParser.parseString(reply.body()).getAsJsonArray();
        assertEquals(2, replies.size(), reply::toString);
        for (int id = 1; id <= 2; id++) {
            assertEquals(
                    SHUTTING_DOWN, errorOf(replies, id).get("code").getAsInt(), reply::toString);
        }
        closing.get(10, SECONDS);
    }

    @Test
    void stopsListeningOnClose() throws Exception {
        server = servers.start(Map.of());
        assertEquals(200, server.get("/health").status());

        server.close();

        assertThrows(IOException.class, () -> server.get("/health"));
    }

    /** A server with one tool thread, so that a second call waits in the queue. */
    private TestServer startWithOneToolThread(String graceMillis) throws Exception {
        return servers.start(
                Map.of("SHUTDOWN_GRACE_MS", graceMillis, "MCP_TOOL_THREADS", "1"),
                blocking.tool,
                TestTools.echo());
    }

    private static JsonObject responseOf(JsonArray replies, int id) {
        for (JsonElement reply : replies) {
            if (reply.getAsJsonObject().get("id").getAsInt() == id) {
                return reply.getAsJsonObject();
            }
        }
        throw new AssertionError("no response with id " + id + " in " + replies);
    }

    private static String textOf(JsonArray replies, int id) {
        JsonObject result = responseOf(replies, id).getAsJsonObject("result");
        assertFalse(result.get("isError").getAsBoolean(), replies::toString);
        return result.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString();
    }

    private static JsonObject errorOf(JsonArray replies, int id) {
        JsonObject response = responseOf(replies, id);
        assertTrue(response.has("error"), replies::toString);
        return response.getAsJsonObject("error");
    }

    /**
     * Waits (at most 10 s) until the port stops taking connections, which the server does first
     * when it starts closing.
     */
    private static void awaitRefusingConnections(URI uri) {
        long deadline = System.nanoTime() + SECONDS.toNanos(10);
        while (accepts(uri)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server kept accepting connections while closing");
            }
            Thread.onSpinWait();
        }
    }

    private static boolean accepts(URI uri) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
