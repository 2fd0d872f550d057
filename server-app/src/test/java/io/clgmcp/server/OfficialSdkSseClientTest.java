package io.clgmcp.server;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client written with the official MCP TypeScript SDK's {@code SSEClientTransport} (the MCP
 * 2024-11-05 "HTTP with SSE" transport) connects to the real server, lists its tools and calls one.
 * The client is {@code src/test/node/sse-client.mjs}, run by {@link OfficialSdkNodeClient}.
 */
@Timeout(120)
class OfficialSdkSseClientTest {
    private static final String TOKEN = "official-sdk-secret";
    private static final OfficialSdkNodeClient CLIENT =
            new OfficialSdkNodeClient("sse-client.mjs", "CLG_SSE_CLIENT");

    @RegisterExtension final ServerFixture servers = new ServerFixture();
    @TempDir Path output;

    @Test
    void officialSdkClientConnectsListsToolsAndCallsOne() throws Exception {
        TestServer server = servers.start(Map.of("MCP_AUTH_TOKEN", TOKEN), TestTools.echo());

        CLIENT.run(server, output, TOKEN, "echo", "{\"text\":\"hi\"}").assertEchoedHi();
    }

    @Test
    void officialSdkClientIsRefusedWithAWrongToken() throws Exception {
        TestServer server = servers.start(Map.of("MCP_AUTH_TOKEN", TOKEN), TestTools.echo());

        CLIENT.run(server, output, "not-" + TOKEN, "echo", "{\"text\":\"hi\"}")
                .assertRefusedWith401();
    }
}
