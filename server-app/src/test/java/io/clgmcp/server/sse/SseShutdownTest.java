package io.clgmcp.server.sse;

import static io.clgmcp.server.sse.SseFixture.postSse;
import static io.clgmcp.server.sse.SseFixture.toolCall;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import io.clgmcp.server.sse.SseFixture.Stream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Closing the server with streams open. */
@Timeout(60)
class SseShutdownTest {
    private static final String TOKEN = "shutdown-token";

    @RegisterExtension final SseFixture sse = new SseFixture();
    private final TestTools.Blocking blocking = new TestTools.Blocking();

    @AfterEach
    void releaseTheTool() {
        blocking.release();
    }

    @Test
    void endsOpenStreamsAndClosesPromptly() throws Exception {
        TestServer server =
                sse.start(Map.of("MCP_AUTH_TOKEN", TOKEN, "SHUTDOWN_GRACE_MS", "10000"));
        Stream stream = sse.connect(server, TOKEN);
        assertEquals("endpoint", stream.next().type());

        CompletableFuture<Void> closing = server.closeInBackground();

        // Well within the 10 s grace period: open streams must not hold the shutdown up.
        closing.get(5, TimeUnit.SECONDS);
        stream.awaitEnd();
        assertThrows(IOException.class, () -> server.get("/health"));
    }

    @Test
    void keepsAStreamOpenUntilTheCallInFlightOnItIsAnswered() throws Exception {
        TestServer server =
                sse.start(
                        Map.of("MCP_AUTH_TOKEN", TOKEN, "SHUTDOWN_GRACE_MS", "10000"),
                        blocking.tool);
        Stream stream = sse.connect(server, TOKEN);
        Reply sent = postSse(server, TOKEN, stream.connectionId(), toolCall(1, "block", "{}"));
        assertEquals(200, sent.status(), sent::toString);
        blocking.awaitEntered();

        CompletableFuture<Void> closing = server.closeInBackground();
        awaitStopped(server);
        assertFalse(closing.isDone(), "the server must wait for the call on the stream");
        blocking.release();

        JsonObject response = stream.next("mcp-response").json();
        assertEquals(1, response.get("id").getAsInt(), response::toString);
        assertEquals("released", SseFixture.firstText(response));
        stream.awaitEnd();
        closing.get(10, TimeUnit.SECONDS);
    }

    @Test
    void answersACallThatOutlastsTheGraceOnItsStreamBeforeEndingIt() throws Exception {
        TestServer server =
                sse.start(
                        Map.of("MCP_AUTH_TOKEN", TOKEN, "SHUTDOWN_GRACE_MS", "3000"),
                        blocking.tool);
        Stream stream = sse.connect(server, TOKEN);
        Reply sent = postSse(server, TOKEN, stream.connectionId(), toolCall(1, "block", "{}"));
        assertEquals(200, sent.status(), sent::toString);
        blocking.awaitEntered();

        CompletableFuture<Void> closing = server.closeInBackground();

        JsonObject response = stream.next("mcp-response").json();
        assertEquals(1, response.get("id").getAsInt(), response::toString);
        assertEquals(-32004, response.getAsJsonObject("error").get("code").getAsInt());
        assertTrue(blocking.awaitInterrupted(), "the tool's call was not marked cancelled");
        stream.awaitEnd();
        closing.get(10, TimeUnit.SECONDS);
    }

    /** Waits (bounded) until the server, shutting down, refuses new requests. */
    private static void awaitStopped(TestServer server) throws InterruptedException {
        long deadline = System.nanoTime() + SseFixture.WAIT.toNanos();
        while (answers(server)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the server kept answering while shutting down");
            }
        }
    }

    private static boolean answers(TestServer server) throws InterruptedException {
        try {
            return server.get("/health").status() == 200;
        } catch (IOException refused) {
            return false;
        }
    }
}
