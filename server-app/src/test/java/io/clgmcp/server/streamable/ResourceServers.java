package io.clgmcp.server.streamable;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.Resource;
import io.clgmcp.core.Tool;
import io.clgmcp.server.ClgMcpServer;
import io.clgmcp.server.ServerConfig;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts real servers offering resources as well as tools, and hands the test their {@link
 * McpServer} so that it can announce resource changes; closes them after the test. Register it on
 * an instance field with {@code @RegisterExtension}.
 *
 * <p>{@link io.clgmcp.server.ServerFixture} takes only tools from outside its package, so this
 * starts {@link ClgMcpServer} itself, with the same settings (a free port of 127.0.0.1).
 */
final class ResourceServers implements AfterEachCallback {
    private final List<Started> servers = new ArrayList<>();

    /** A running server: where it listens and its core. */
    record Started(ClgMcpServer server, McpServer mcp) {
        URI uri() {
            return server.uri();
        }
    }

    /** Starts a server with these settings offering these resources and tools. */
    Started start(Map<String, String> settings, List<Resource> resources, Tool... tools)
            throws Exception {
        Map<String, String> values = new HashMap<>(settings);
        values.putIfAbsent("PORT", "0");
        Core core = new Core();
        ClgMcpServer server =
                ClgMcpServer.start(
                        ServerConfig.of(values),
                        new AbstractModule() {
                            @Override
                            protected void configure() {
                                resources.forEach(
                                        resource ->
                                                McpCoreModule.resources(binder())
                                                        .addBinding()
                                                        .toInstance(resource));
                                for (Tool tool : tools) {
                                    McpCoreModule.tools(binder()).addBinding().toInstance(tool);
                                }
                                requestInjection(core);
                            }
                        });
        Started started = new Started(server, core.server);
        servers.add(started);
        return started;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (Started started : servers) {
            started.server().close();
        }
    }

    /** Receives the application's {@link McpServer} as the injector is built. */
    static final class Core {
        private McpServer server;

        @Inject
        void set(McpServer server) {
            this.server = server;
        }
    }
}
