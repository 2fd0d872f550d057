package io.clgmcp.bench;

import com.google.inject.AbstractModule;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.server.ClgMcpServer;
import io.clgmcp.server.ServerConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The CLG-MCP server, as {@code Main} would run it, with the echo tool added and no per-caller
 * limits, since every load generator is one caller at one address. Of the environment it takes only
 * the {@code SSE_*} settings, which the SSE benchmarks change (the connection limit, the heartbeat
 * interval).
 */
final class OursServer {
    private static final String SSE_SETTINGS = "SSE_";

    private OursServer() {}

    static ClgMcpServer start(int port) throws Exception {
        Map<String, String> settings = new HashMap<>();
        System.getenv()
                .forEach(
                        (name, value) -> {
                            if (name.startsWith(SSE_SETTINGS)) {
                                settings.put(name, value);
                            }
                        });
        settings.putIfAbsent("SSE_MAX_CONNECTIONS_PER_TOKEN", "0");
        settings.put("RATE_LIMIT_RPS", "0");
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
