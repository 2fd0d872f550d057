package io.clgmcp.server.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clgmcp.server.TestServer;
import io.clgmcp.server.sse.SseFixture.Stream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Closing the server with streams open. */
@Timeout(60)
class SseShutdownTest {
    private static final String TOKEN = "shutdown-token";

    @RegisterExtension final SseFixture sse = new SseFixture();

    @Test
    void endsOpenStreamsAndClosesPromptly() throws Exception {
        TestServer server =
                sse.start(Map.of("MCP_AUTH_TOKEN", TOKEN, "SHUTDOWN_GRACE_MS", "10000"));
        Stream stream = sse.connect(server, TOKEN);
        assertEquals("endpoint", stream.next().type());

        CompletableFuture<Void> closing =
                CompletableFuture.runAsync(
                        () -> {
                            try {
                                server.close();
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                        });

        // Well within the 10 s grace period: open streams must not hold the shutdown up.
        closing.get(5, TimeUnit.SECONDS);
        stream.awaitEnd();
        assertThrows(IOException.class, () -> server.get("/health"));
    }
}
