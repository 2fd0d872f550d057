package io.clgmcp.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/** The clients a test connects, each bounded by {@link #WAIT}, closed after the test. */
final class ConnectedClients {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final List<McpClient> clients = Collections.synchronizedList(new ArrayList<>());

    /** Connects a client of that URL over that transport, after the test's own settings. */
    McpClient connect(URI url, Transport transport, UnaryOperator<McpClient.Builder> settings) {
        McpClient.Builder builder =
                McpClient.builder(url)
                        .transport(transport)
                        .connectTimeout(WAIT)
                        .requestTimeout(WAIT);
        return track(settings.apply(builder).connect());
    }

    /** Closes the client after the test. */
    McpClient track(McpClient client) {
        clients.add(client);
        return client;
    }

    /** Closes every client connected so far. */
    void closeAll() {
        synchronized (clients) {
            clients.forEach(McpClient::close);
            clients.clear();
        }
    }
}
