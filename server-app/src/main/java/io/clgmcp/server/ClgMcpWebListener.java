package io.clgmcp.server;

import com.google.inject.Injector;
import io.clgmcp.core.McpServer;
import io.clgmcp.server.cluster.ClusterMembership;
import io.clgmcp.server.internal.ServerModule;
import io.clgmcp.server.internal.WebMounts;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the application inside a servlet context and stops it with the context. A servlet
 * container creates it from the WAR's {@code web.xml} and configures it from the environment; the
 * runnable jar hands it an injector already built.
 */
public final class ClgMcpWebListener implements ServletContextListener {
    private static final Logger LOG = LoggerFactory.getLogger(ClgMcpWebListener.class);

    private final Supplier<Injector> injectorSource;
    private volatile Injector injector;

    /** For a servlet container: settings come from the environment and system properties. */
    public ClgMcpWebListener() {
        this(
                () -> {
                    ServerConfig config = ServerConfig.fromEnvironment();
                    if (config.tls().isPresent()) {
                        LOG.warn(
                                "TLS_KEYSTORE is ignored in a servlet container: its own connectors"
                                        + " decide whether this application is served over"
                                        + " HTTPS.");
                    }
                    return ServerModule.injector(config, List.of());
                });
    }

    ClgMcpWebListener(Injector injector) {
        this(() -> injector);
    }

    private ClgMcpWebListener(Supplier<Injector> injectorSource) {
        this.injectorSource = injectorSource;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        injector = injectorSource.get();
        ServerConfig config = injector.getInstance(ServerConfig.class);
        if (config.isOpenAccess()) {
            LOG.warn(
                    "No MCP_AUTH_TOKEN, MCP_AUTH_TOKENS or OAUTH_ISSUER is set: anyone who can reach"
                            + " this server may call its tools.");
        }
        config.oauth().ifPresent(ClgMcpWebListener::describe);
        warnAboutProfile(config);
        WebMounts.install(event.getServletContext(), injector);
        ServerModule.cluster(injector).ifPresent(ClusterMembership::join);
    }

    /** Warns that the conformance fixtures are served, when they are; every mode says so. */
    static void warnAboutProfile(ServerConfig config) {
        if (config.profile() == ServerConfig.Profile.CONFORMANCE) {
            LOG.warn(
                    "MCP_PROFILE=conformance: serving the MCP conformance suite's test tools,"
                            + " resources and prompts. Use it for testing only.");
        }
    }

    private static void describe(OAuthOptions oauth) {
        LOG.info(
                "OAuth: admitting access tokens of {} for {}; metadata at {}",
                oauth.issuer(),
                oauth.audience(),
                oauth.resourceMetadataUrl());
        String host = oauth.jwksUrl().getHost();
        if ("http".equalsIgnoreCase(oauth.jwksUrl().getScheme())
                && !host.equals("localhost")
                && !host.startsWith("127.")
                && !host.equals("[::1]")) {
            LOG.warn(
                    "OAUTH_JWKS_URL is plain http to {}: whoever can alter that traffic can forge"
                            + " access tokens. Use https.",
                    host);
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        if (injector != null) {
            ServerModule.endLongLivedStreams(injector);
            injector.getInstance(McpServer.class).close();
            ServerModule.cluster(injector).ifPresent(ClusterMembership::leave);
        }
    }
}
