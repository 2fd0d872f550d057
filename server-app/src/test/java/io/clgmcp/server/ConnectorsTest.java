package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.server.tls.SelfSignedKeystore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connector the settings make. Which TLS versions it offers is its own choice, not the JDK's: a
 * JDK whose {@code java.security} still allowed TLS 1.1 would not get it offered either.
 */
class ConnectorsTest {
    @TempDir Path folder;

    @Test
    void speaksPlainHttp11WithoutAKeystore() {
        ServerConnector connector = Connectors.create(new Server(), TestServer.config(Map.of()));

        assertEquals(List.of("http/1.1"), connector.getProtocols());
        assertNull(connector.getConnectionFactory(SslConnectionFactory.class));
        assertFalse(Connectors.isSecure(connector));
        assertFalse(
                connector
                        .getConnectionFactory(HttpConnectionFactory.class)
                        .getHttpConfiguration()
                        .getSendServerVersion());
    }

    @Test
    void negotiatesHttp2OrHttp11OverTlsWithAKeystore() throws Exception {
        ServerConnector connector = secureConnector(Map.of());

        assertEquals(List.of("ssl", "alpn", "h2", "http/1.1"), connector.getProtocols());
        assertTrue(Connectors.isSecure(connector));
        assertFalse(
                connector
                        .getConnectionFactory(HttpConnectionFactory.class)
                        .getHttpConfiguration()
                        .getSendServerVersion());
    }

    @Test
    void offersTls13AndTls12AndNoOlderVersion() throws Exception {
        SslContextFactory.Server tls = started(secureConnector(Map.of()));
        try {
            assertEquals(
                    List.of("TLSv1.2", "TLSv1.3"),
                    Arrays.stream(tls.getSelectedProtocols()).sorted().toList());
            assertEquals(List.of("TLSv1.3", "TLSv1.2"), Arrays.asList(tls.getIncludeProtocols()));
        } finally {
            tls.stop();
        }
    }

    @Test
    void offersNoWeakCipherSuite() throws Exception {
        SslContextFactory.Server tls = started(secureConnector(Map.of()));
        try {
            List<String> suites = Arrays.asList(tls.getSelectedCipherSuites());
            assertFalse(suites.isEmpty());
            for (String suite : suites) {
                assertFalse(
                        suite.matches(".*(_NULL_|_anon_|_EXPORT_|_RC4_|_DES_|_MD5$|_SHA$).*")
                                || suite.startsWith("TLS_RSA_")
                                || suite.startsWith("SSL_"),
                        suite);
            }
        } finally {
            tls.stop();
        }
    }

    @Test
    void keepsStreamsOpenAsLongAsTheSseTimeoutOnEitherConnector() throws Exception {
        Map<String, String> slow = Map.of("SSE_CONNECTION_TIMEOUT", "600000");

        ServerConnector plain = Connectors.create(new Server(), TestServer.config(slow));
        ServerConnector secure = secureConnector(slow);

        assertEquals(600_000, plain.getIdleTimeout());
        assertEquals(600_000, secure.getIdleTimeout());
        assertEquals(plain.getShutdownIdleTimeout(), secure.getShutdownIdleTimeout());
    }

    private ServerConnector secureConnector(Map<String, String> settings) throws Exception {
        Map<String, String> values = new HashMap<>(settings);
        values.putAll(SelfSignedKeystore.create(folder).settings());
        return Connectors.create(new Server(), TestServer.config(values));
    }

    private static SslContextFactory.Server started(ServerConnector connector) throws Exception {
        SslContextFactory.Server tls =
                (SslContextFactory.Server)
                        connector
                                .getConnectionFactory(SslConnectionFactory.class)
                                .getSslContextFactory();
        tls.start();
        return tls;
    }
}
