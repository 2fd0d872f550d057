package io.clgmcp.server;

import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The embedded server's one connector: plain HTTP/1.1, or with {@code TLS_KEYSTORE} HTTPS (TLS 1.3
 * and 1.2 only) that offers HTTP/2 and HTTP/1.1 by ALPN. A servlet container running the WAR has
 * connectors of its own, so the WAR leaves this class out.
 */
final class Connectors {
    private static final long SHUTDOWN_IDLE_TIMEOUT_MS = 200;

    private Connectors() {}

    static ServerConnector create(Server jetty, ServerConfig config) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector =
                config.tls()
                        .map(tls -> secure(jetty, http, tls))
                        .orElseGet(
                                () -> new ServerConnector(jetty, new HttpConnectionFactory(http)));
        connector.setHost(config.host());
        connector.setPort(config.port());
        // Jetty would otherwise close a quiet SSE stream before SSE_CONNECTION_TIMEOUT; heartbeats
        // keep live streams busier than this. An HTTP/2 stream has the same idle timeout.
        connector.setIdleTimeout(
                Math.max(
                        connector.getIdleTimeout(), config.sseOptions().connectionTimeoutMillis()));
        // Once stopping, close idle keep-alive connections quickly instead of after Jetty's 1 s;
        // requests in flight are not idle and keep the whole grace period.
        connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_TIMEOUT_MS);
        return connector;
    }

    /** Whether the connector speaks TLS. */
    static boolean isSecure(ServerConnector connector) {
        return connector.getConnectionFactory(SslConnectionFactory.class) != null;
    }

    private static ServerConnector secure(Server jetty, HttpConfiguration http, TlsOptions tls) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStoreType("PKCS12");
        ssl.setKeyStorePath(tls.keystore().toString());
        ssl.setKeyStorePassword(tls.keystorePassword());
        // Jetty's own exclusions stay in force (SSL, weak and anonymous cipher suites); nothing
        // older than TLS 1.2 is offered at all.
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        // HTTP/2 forbids some TLS 1.2 suites; ordering them last keeps them from being chosen.
        ssl.setCipherComparator(HTTP2Cipher.COMPARATOR);
        http.addCustomizer(new SecureRequestCustomizer());

        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(http);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
        // A client that offers no ALPN at all speaks HTTP/1.1.
        alpn.setDefaultProtocol(http1.getProtocol());
        return new ServerConnector(
                jetty, new SslConnectionFactory(ssl, alpn.getProtocol()), alpn, http2, http1);
    }
}
