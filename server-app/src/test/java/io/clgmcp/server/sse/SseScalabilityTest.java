package io.clgmcp.server.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.sse.SseFixture.Stream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Open streams hold no server thread each. */
@Timeout(120)
class SseScalabilityTest {
    private static final String TOKEN = "scalability-token";

    /** More than the 200 threads the server's pool may ever have. */
    private static final int STREAMS = 250;

    @RegisterExtension final SseFixture sse = new SseFixture();

    @Test
    void servesMoreOpenStreamsThanTheServerHasThreads() throws Exception {
        TestServer server =
                sse.start(
                        Map.of(
                                "MCP_AUTH_TOKEN", TOKEN,
                                "SSE_MAX_CONNECTIONS", "1000",
                                "SSE_MAX_CONNECTIONS_PER_TOKEN", "0",
                                "RATE_LIMIT_RPS", "0"));
        List<Stream> streams = new ArrayList<>();
        for (int i = 0; i < STREAMS; i++) {
            streams.add(sse.open(server, TOKEN));
        }

        streams.forEach(Stream::awaitConnected);

        assertEquals(STREAMS, SseFixture.stats(server).get("activeConnections").getAsInt());
        Stream first = streams.get(0);
        Stream last = streams.get(STREAMS - 1);
        for (Stream stream : List.of(first, last)) {
            Reply sent =
                    SseFixture.postSse(
                            server,
                            TOKEN,
                            stream.connectionId(),
                            SseFixture.request(1, "ping", null));
            assertEquals(200, sent.status(), sent::toString);
            assertEquals(1, stream.next("mcp-response").json().get("id").getAsInt());
        }
    }
}
