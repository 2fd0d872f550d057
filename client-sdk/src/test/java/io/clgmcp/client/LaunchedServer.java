package io.clgmcp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * A client connected to a server it launched, and that server's process, found among this JVM's
 * children so that a test can see it gone once the client is closed.
 */
record LaunchedServer(McpClient client, ProcessHandle process) {
    /** What a test's servers are given to exit at each step of closing. */
    static final Duration GRACE = Duration.ofMillis(500);

    /**
     * Connects a client that launches that command, its standard error discarded and every wait
     * bounded by {@link ConnectedClients#WAIT}, after the test's own settings.
     */
    static LaunchedServer connect(List<String> command, UnaryOperator<McpClient.Builder> settings) {
        Set<ProcessHandle> before = children();
        McpClient client =
                settings.apply(
                                McpClient.builder(command)
                                        .requestTimeout(ConnectedClients.WAIT)
                                        .shutdownGrace(GRACE)
                                        .stderr(line -> {}))
                        .connect();
        Set<ProcessHandle> started = children();
        started.removeAll(before);
        assertEquals(1, started.size(), () -> "not one new child process: " + started);
        return new LaunchedServer(client, started.iterator().next());
    }

    private static Set<ProcessHandle> children() {
        return ProcessHandle.current().children().collect(Collectors.toSet());
    }
}
