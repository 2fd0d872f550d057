package io.clgmcp.server.streamable;

import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestTools;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code MCP_SESSION_IDLE_TIMEOUT}: sessions left unused end; sessions in use do not. */
@Timeout(60)
class StreamableSessionExpiryTest {
    private static final Duration IDLE_TIMEOUT = Duration.ofMillis(1000);

    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private McpHttp mcp;

    @BeforeEach
    void start() throws Exception {
        mcp =
                new McpHttp(
                        servers.start(
                                Map.of(
                                        "MCP_SESSION_IDLE_TIMEOUT",
                                        Long.toString(IDLE_TIMEOUT.toMillis())),
                                TestTools.echo()));
    }

    @Test
    void endsASessionLeftUnusedForTheIdleTimeout() throws Exception {
        String session = mcp.open();
        mcp.assertAlive(session);

        mcp.idleFor(Duration.ofMillis(1500));

        mcp.assertGone(session);
    }

    @Test
    void endsAnIdleSessionEvenWhenOthersOpenMeanwhile() throws Exception {
        String idle = mcp.open();

        mcp.idleFor(Duration.ofMillis(1500));
        String fresh = mcp.open();

        mcp.assertGone(idle);
        mcp.assertAlive(fresh);
    }

    @Test
    void keepsASessionInUseAlivePastTheIdleTimeout() throws Exception {
        String session = mcp.open();
        long start = System.nanoTime();

        while (System.nanoTime() - start < Duration.ofMillis(2500).toNanos()) {
            mcp.idleFor(Duration.ofMillis(300));
            mcp.assertAlive(session);
        }

        mcp.assertAlive(session);
    }
}
