package io.clgmcp.bench;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The official MCP Java SDK serving the echo tool through its stateless Streamable HTTP servlet
 * ({@code HttpServletStatelessServerTransport}) at {@code /mcp}, in the same Jetty.
 */
final class SdkServer {
    private SdkServer() {}

    static AutoCloseable start(int port) throws Exception {
        HttpServletStatelessServerTransport transport =
                HttpServletStatelessServerTransport.builder().messageEndpoint("/mcp").build();
        McpSchema.Tool tool =
                McpSchema.Tool.builder()
                        .name(EchoTool.NAME)
                        .description(EchoTool.DESCRIPTION)
                        .inputSchema(McpJsonDefaults.getMapper(), EchoTool.INPUT_SCHEMA)
                        .build();
        McpStatelessSyncServer mcp =
                McpServer.sync(transport)
                        .serverInfo("sdk-bench", "1")
                        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                        .toolCall(
                                tool,
                                (context, request) ->
                                        McpSchema.CallToolResult.builder()
                                                .addTextContent(
                                                        String.valueOf(
                                                                request.arguments().get("text")))
                                                .isError(false)
                                                .build())
                        .build();
        ServletContextHandler context = new ServletContextHandler("/");
        context.addServlet(new ServletHolder(transport), "/mcp");
        AutoCloseable jetty = JettyServers.start(port, context);
        return () -> {
            jetty.close();
            mcp.close();
        };
    }
}
