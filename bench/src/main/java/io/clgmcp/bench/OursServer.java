package io.clgmcp.bench;

import com.google.inject.AbstractModule;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.server.ClgMcpServer;
import io.clgmcp.server.ServerConfig;
import java.util.Map;

/** The CLG-MCP server, as {@code Main} would run it, with the echo tool added. */
final class OursServer {
    private OursServer() {}

    static ClgMcpServer start(int port) throws Exception {
        return ClgMcpServer.start(
                ServerConfig.of(Map.of("HOST", "127.0.0.1", "PORT", Integer.toString(port))),
                new EchoModule());
    }

    /** Contributes the echo tool. */
    private static final class EchoModule extends AbstractModule {
        @Override
        protected void configure() {
            McpCoreModule.tools(binder()).addBinding().toInstance(EchoTool.tool());
        }
    }
}
