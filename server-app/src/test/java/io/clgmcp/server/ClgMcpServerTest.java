package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ClgMcpServerTest {
    @Test
    void leavesCallsAFifthOfTheShutdownGraceAtMostASecondToBeAnswered() {
        assertEquals(Duration.ofMillis(9_000), ClgMcpServer.callGrace(10_000));
        assertEquals(Duration.ofMillis(800), ClgMcpServer.callGrace(1_000));
        assertEquals(Duration.ZERO, ClgMcpServer.callGrace(0));
    }

    @Test
    void reportsThePortItBoundWhenAskedForAnyFreeOne() throws Exception {
        try (TestServer server = TestServer.start(Map.of("PORT", "0"))) {
            int port = server.server().port();

            assertTrue(port > 0, "port " + port);
            assertEquals("http://127.0.0.1:" + port + "/", server.server().uri().toString());
            assertEquals(200, server.get("/health").status());
        }
    }

    @Test
    void failsToStartOnAPortInUseAndLeavesTheOtherServerServing() throws Exception {
        try (TestServer first = TestServer.start(Map.of())) {
            String port = Integer.toString(first.server().port());

            assertThrows(IOException.class, () -> TestServer.start(Map.of("PORT", port)).close());
            assertEquals(200, first.get("/health").status());
        }
    }
}
