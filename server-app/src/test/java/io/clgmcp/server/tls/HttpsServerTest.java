package io.clgmcp.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestTools;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * The server with a {@code TLS_KEYSTORE}: HTTPS only, HTTP/2 for the clients that offer it by ALPN
 * and HTTP/1.1 for the others, TLS 1.3 and 1.2 and nothing older, and the keystore's password in no
 * log and no answer. The certificate is made for the test and trusted by its clients alone.
 */
@Timeout(60)
class HttpsServerTest {
    private static final Duration WAIT = TestServer.TIMEOUT;
    private static final int PROTOCOL_VERSION_ALERT = 70;

    @TempDir static Path folder;
    private static SelfSignedKeystore keystore;
    private static TestServer server;
    private static final List<String> loggedAtStart = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        keystore = SelfSignedKeystore.create(folder);
        server = recordingLogs(() -> TestServer.start(keystore.settings(), TestTools.echo()));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void givesAnHttpsUri() {
        assertEquals("https", server.uri("/").getScheme());
    }

    @Test
    void speaksHttp2ToAClientThatOffersIt() throws Exception {
        HttpResponse<String> health = get(client(HttpClient.Version.HTTP_2), "/health");

        assertEquals(200, health.statusCode(), health::body);
        assertEquals(HttpClient.Version.HTTP_2, health.version());
    }

    @Test
    void speaksHttp11ToAClientThatOffersOnlyIt() throws Exception {
        HttpResponse<String> health = get(client(HttpClient.Version.HTTP_1_1), "/health");

        assertEquals(200, health.statusCode(), health::body);
        assertEquals(HttpClient.Version.HTTP_1_1, health.version());
    }

    @Test
    void answersToolCallsOverHttp2() throws Exception {
        HttpRequest call =
                HttpRequest.newBuilder(server.uri("/rpc"))
                        .timeout(WAIT)
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\","
                                                + "\"params\":{\"name\":\"echo\","
                                                + "\"arguments\":{\"text\":\"over h2\"}}}"))
                        .build();

        HttpResponse<String> answer =
                client(HttpClient.Version.HTTP_2).send(call, HttpResponse.BodyHandlers.ofString());

        assertEquals(HttpClient.Version.HTTP_2, answer.version());
        assertEquals(
                "echo: over h2",
                JsonParser.parseString(answer.body())
                        .getAsJsonObject()
                        .getAsJsonObject("result")
                        .getAsJsonArray("content")
                        .get(0)
                        .getAsJsonObject()
                        .get("text")
                        .getAsString(),
                answer::body);
    }

    @Test
    void offersHttp2AndHttp11ByAlpn() throws Exception {
        assertEquals("h2", negotiate(new String[] {"h2", "http/1.1"}, null).application());
        assertEquals("http/1.1", negotiate(new String[] {"http/1.1"}, null).application());
    }

    @Test
    void prefersTls13AndAcceptsTls12() throws Exception {
        assertEquals("TLSv1.3", negotiate(null, null).tls());
        assertEquals("TLSv1.2", negotiate(null, new String[] {"TLSv1.2"}).tls());
    }

    @ParameterizedTest
    @ValueSource(ints = {ClientHello.TLS_1_1, ClientHello.TLS_1_0})
    void refusesOlderProtocols(int version) throws Exception {
        ClientHello.Answer answer = ClientHello.send(server.uri("/").getPort(), version, WAIT);

        assertTrue(answer.isFatalAlert(PROTOCOL_VERSION_ALERT), answer::toString);
    }

    @Test
    void goesOnWithTheSameHelloAtTls12() throws Exception {
        // The hello the test above sends is well-formed: only its version is refused.
        ClientHello.Answer answer =
                ClientHello.send(server.uri("/").getPort(), ClientHello.TLS_1_2, WAIT);

        assertTrue(answer.isServerHello(), answer::toString);
    }

    @Test
    void isRefusedByAClientThatDoesNotTrustTheCertificate() {
        HttpClient trustingTheJdkDefaults = HttpClient.newBuilder().connectTimeout(WAIT).build();

        assertThrows(SSLHandshakeException.class, () -> get(trustingTheJdkDefaults, "/health"));
    }

    @Test
    void showsNoPasswordInHealth() throws Exception {
        HttpResponse<String> health = get(client(HttpClient.Version.HTTP_2), "/health");

        assertEquals(200, health.statusCode());
        assertFalse(health.body().contains(keystore.password()), health::body);
    }

    @Test
    void logsNoPasswordWhileStarting() {
        assertTrue(
                loggedAtStart.stream().anyMatch(line -> line.contains("listening on https://")),
                loggedAtStart::toString);
        assertTrue(
                loggedAtStart.stream().noneMatch(line -> line.contains(keystore.password())),
                loggedAtStart::toString);
    }

    private static HttpClient client(HttpClient.Version version) throws Exception {
        return HttpClient.newBuilder()
                .version(version)
                .sslContext(keystore.trustingClient())
                .connectTimeout(WAIT)
                .build();
    }

    private static HttpResponse<String> get(HttpClient client, String path)
            throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(server.uri(path)).timeout(WAIT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** What a handshake offering these application protocols and TLS versions, if given, chose. */
    private static Negotiated negotiate(String[] applicationProtocols, String[] tlsVersions)
            throws Exception {
        SSLContext context = keystore.trustingClient();
        URI uri = server.uri("/");
        try (SSLSocket socket =
                (SSLSocket) context.getSocketFactory().createSocket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            SSLParameters parameters = socket.getSSLParameters();
            if (applicationProtocols != null) {
                parameters.setApplicationProtocols(applicationProtocols);
            }
            if (tlsVersions != null) {
                parameters.setProtocols(tlsVersions);
            }
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return new Negotiated(
                    socket.getSession().getProtocol(), socket.getApplicationProtocol());
        }
    }

    /**
     * Runs the start-up with the server's and Jetty's INFO lines recorded in {@link
     * #loggedAtStart}.
     */
    private static TestServer recordingLogs(Starter starter) throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger jetty = (Logger) LoggerFactory.getLogger("org.eclipse.jetty");
        Level jettyLevel = jetty.getLevel();
        AppenderBase<ILoggingEvent> recorder =
                new AppenderBase<>() {
                    @Override
                    protected void append(ILoggingEvent event) {
                        loggedAtStart.add(event.getFormattedMessage());
                    }
                };
        recorder.setContext(root.getLoggerContext());
        recorder.start();
        root.addAppender(recorder);
        jetty.setLevel(Level.INFO);
        try {
            return starter.start();
        } finally {
            jetty.setLevel(jettyLevel);
            root.detachAppender(recorder);
            recorder.stop();
        }
    }

    private record Negotiated(String tls, String application) {}

    private interface Starter {
        TestServer start() throws Exception;
    }
}
