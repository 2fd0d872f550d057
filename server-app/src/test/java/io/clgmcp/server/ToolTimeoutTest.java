package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A tool that hangs is stopped at {@code MCP_TOOL_TIMEOUT} and its caller told so. */
class ToolTimeoutTest {
    @RegisterExtension final ServerFixture servers = new ServerFixture();

    @Test
    void aHungToolIsStoppedAndAnsweredWithATimeoutError() throws Exception {
        TestTools.Blocking blocking = servers.blocking();
        TestServer server =
                servers.start(
                        Map.of("MCP_TOOL_TIMEOUT", "1", "MCP_TOOL_THREADS", "1"), blocking.tool);

        JsonObject response = server.callTool("block", "{}").json();

        JsonObject error = response.getAsJsonObject("error");
        assertEquals(-32003, error.get("code").getAsInt(), response::toString);
        assertTrue(error.get("message").getAsString().contains("1 s"), response::toString);
        assertTrue(blocking.awaitInterrupted(), "isCancelled() when stopped");
    }
}
