package io.clgmcp.client;

import com.google.inject.Module;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolResult;
import io.clgmcp.server.ClgMcpServer;
import io.clgmcp.server.ServerConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Our real server for the tests, started in-process on a free loopback port, and the tools the
 * tests add to it.
 */
public final class InProcessServer {
    private InProcessServer() {}

    /**
     * Starts our server with these settings and extra modules: on a free port ({@code PORT=0}),
     * with a one-second shutdown grace ({@code SHUTDOWN_GRACE_MS=1000}) and without per-caller
     * limits (a test class shares one server among many clients of one caller) unless they say
     * otherwise.
     */
    public static ClgMcpServer start(Map<String, String> settings, Module... modules)
            throws Exception {
        Map<String, String> values = new HashMap<>(settings);
        values.putIfAbsent("PORT", "0");
        values.putIfAbsent("SHUTDOWN_GRACE_MS", "1000");
        values.putIfAbsent("RATE_LIMIT_RPS", "0");
        values.putIfAbsent("SSE_MAX_CONNECTIONS_PER_TOKEN", "0");
        return ClgMcpServer.start(ServerConfig.of(values), modules);
    }

    /** A tool {@code echo} that says its {@code text} argument back after {@code prefix}. */
    public static Tool echo(String prefix) {
        return Tool.builder("echo")
                .description("Says the text back")
                .inputSchema(
                        "{\"type\":\"object\",\"properties\":{\"text\":"
                                + "{\"type\":\"string\"}},"
                                + "\"required\":[\"text\"]}")
                .handler(
                        context ->
                                ToolResult.text(
                                        prefix + context.arguments().get("text").getAsString()))
                .build();
    }
}
