package io.clgmcp.bench;

import com.google.inject.AbstractModule;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.server.ClgMcpServer;
import io.clgmcp.server.ServerConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLG-MCP server, as {@code Main} would run it, with the echo tool added and, unless the
 * environment sets them, no per-caller limits, since every load generator is one caller at one
 * address. Of the environment it takes only the {@code SSE_*} settings, which the SSE benchmarks
 * change (the connection limit, the heartbeat interval), the {@code RATE_LIMIT_*} ones, to measure
 * what the rate limit costs, and the {@code MCP_CLUSTER_*} ones, to run instances of a cluster.
 */
final class OursServer {
    private static final List<String> TAKEN_SETTINGS =
            List.of("SSE_", "RATE_LIMIT_", "MCP_CLUSTER_");

    private OursServer() {}

    static ClgMcpServer start(int port) throws Exception {
        Map<String, String> settings = new HashMap<>();
        System.getenv()
                .forEach(
                        (name, value) -> {
                            if (TAKEN_SETTINGS.stream().anyMatch(name::startsWith)) {
                                settings.put(name, value);
                            }
                        });
        settings.putIfAbsent("SSE_MAX_CONNECTIONS_PER_TOKEN", "0");
        settings.putIfAbsent("RATE_LIMIT_RPS", "0");
        settings.put("HOST", "127.0.0.1");
        settings.put("PORT", Integer.toString(port));
        return ClgMcpServer.start(ServerConfig.of(settings), new EchoModule());
    }

    /** Contributes the echo tool. */
    private static final class EchoModule extends AbstractModule {
        @Override
        protected void configure() {
            McpCoreModule.tools(binder()).addBinding().toInstance(EchoTool.tool());
        }
    }
}
