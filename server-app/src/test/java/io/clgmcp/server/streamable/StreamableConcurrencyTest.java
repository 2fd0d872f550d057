package io.clgmcp.server.streamable;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many sessions calling tools at once over {@code /mcp}. */
@Timeout(60)
class StreamableConcurrencyTest {
    private static final int SESSIONS = 10;
    private static final int CALLS_PER_SESSION = 10;

    @RegisterExtension final ServerFixture servers = new ServerFixture();

    private record Call(String session, long id, String text, CompletableFuture<Reply> reply) {}

    @Test
    void answersEachConcurrentToolCallWithItsOwnIdAndText() throws Exception {
        McpHttp mcp = new McpHttp(servers.start(Map.of(), TestTools.echo()));
        List<String> sessions = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            sessions.add(mcp.open());
        }

        List<Call> calls = new ArrayList<>();
        for (int s = 0; s < SESSIONS; s++) {
            for (int c = 0; c < CALLS_PER_SESSION; c++) {
                long id = 1000L * (s + 1) + c;
                String text = "session " + s + " call " + c;
                calls.add(
                        new Call(
                                sessions.get(s),
                                id,
                                text,
                                mcp.postAsync(sessions.get(s), McpHttp.echo(id, text))));
            }
        }
        CompletableFuture.allOf(calls.stream().map(Call::reply).toArray(CompletableFuture[]::new))
                .get(3 * TestServer.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        for (Call call : calls) {
            Reply reply = call.reply().join();
            assertEquals(
                    "echo: " + call.text(), McpHttp.toolText(reply, call.id()), call::toString);
        }
        for (String session : sessions) {
            mcp.assertAlive(session);
        }
    }
}
