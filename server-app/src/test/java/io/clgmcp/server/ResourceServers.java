package io.clgmcp.server;

import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.Resource;
import io.clgmcp.core.Tool;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts real servers offering resources as well as tools, and hands the test their {@link
 * McpServer} so that it can announce resource changes; closes them after the test. Register it on
 * an instance field with {@code @RegisterExtension}.
 *
 * <p>{@link ServerFixture} offers only tools, so this starts {@link ClgMcpServer} itself, with the
 * settings of {@link TestServer} (a free port of 127.0.0.1).
 */
public final class ResourceServers implements AfterEachCallback {
    private final List<Started> servers = new ArrayList<>();

    /** A running server: where it listens and its core. */
    public record Started(ClgMcpServer server, McpServer mcp) {
        /** The server's base URI. */
        public URI uri() {
            return server.uri();
        }

        /** That path on the server. */
        public URI uri(String path) {
            return server.uri().resolve(path);
        }
    }

    /** Starts a server with these settings offering these resources and tools. */
    public Started start(Map<String, String> settings, List<Resource> resources, Tool... tools)
            throws Exception {
        Core core = new Core();
        ClgMcpServer server =
                ClgMcpServer.start(
                        TestServer.config(settings),
                        TestServer.toolsModule(tools),
                        new AbstractModule() {
                            @Override
                            protected void configure() {
                                resources.forEach(
                                        resource ->
                                                McpCoreModule.resources(binder())
                                                        .addBinding()
                                                        .toInstance(resource));
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
