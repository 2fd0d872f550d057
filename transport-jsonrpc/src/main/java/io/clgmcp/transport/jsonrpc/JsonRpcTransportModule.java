package io.clgmcp.transport.jsonrpc;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.MapBinder;
import io.clgmcp.core.McpEndpoint;
import io.clgmcp.core.McpServer;
import io.clgmcp.transport.jsonrpc.internal.JsonRpcServlet;
import jakarta.servlet.http.HttpServlet;

/**
 * The plain JSON-RPC over HTTP transport: {@code POST /rpc} (and {@code POST /}, where the earlier
 * CLG-MCP server listened) takes one JSON-RPC message or a batch and answers with JSON.
 *
 * <pre>
 * POST /rpc  {"jsonrpc":"2.0","id":1,"method":"ping"}
 * 200        {"jsonrpc":"2.0","id":1,"result":{}}
 * </pre>
 */
public final class JsonRpcTransportModule extends AbstractModule {
    /** The transport's name in configuration and in {@code /health}. */
    public static final String NAME = "jsonrpc";

    private final int maxBodyBytes;

    /**
     * @param maxBodyBytes the largest body accepted; a larger one is answered with 413
     */
    public JsonRpcTransportModule(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    protected void configure() {
        MapBinder<String, HttpServlet> endpoints =
                MapBinder.newMapBinder(
                        binder(), String.class, HttpServlet.class, McpEndpoint.class);
        endpoints.addBinding("/rpc").to(JsonRpcServlet.class);
        endpoints.addBinding("").to(JsonRpcServlet.class);
    }

    @Provides
    @Singleton
    JsonRpcServlet servlet(McpServer server) {
        return new JsonRpcServlet(server, maxBodyBytes);
    }
}
