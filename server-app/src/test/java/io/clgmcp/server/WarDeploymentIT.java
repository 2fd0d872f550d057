package io.clgmcp.server;

import static io.clgmcp.server.HttpCalls.WAIT;
import static io.clgmcp.server.HttpCalls.initialize;
import static io.clgmcp.server.HttpCalls.json;
import static io.clgmcp.server.HttpCalls.ofString;
import static io.clgmcp.server.HttpCalls.packaged;
import static io.clgmcp.server.HttpCalls.ping;
import static io.clgmcp.server.HttpCalls.randomToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.eclipse.jetty.ee.webapp.WebAppClassLoader;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploys the packaged {@code clg-mcp-server.war} into a Jetty 12 ee10 container under {@code
 * /clg}, configured through a system property as an operator would, and talks to it over HTTP.
 */
class WarDeploymentIT {
    private static final String TOKEN_PROPERTY = "MCP_AUTH_TOKEN";
    private static final String TOKEN = randomToken();

    private static final String INITIALIZE = initialize("WarDeploymentIT");
    private static final String PING = ping(7);

    @TempDir static Path temp;

    private static String previousToken;
    private static Server jetty;
    private static URI base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();

    @BeforeAll
    static void deployWar() throws Exception {
        assertTrue(
                Files.isRegularFile(war()),
                war() + " is missing: run the integration tests through 'mvn verify'");
        previousToken = System.setProperty(TOKEN_PROPERTY, TOKEN);

        jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);

        WebAppContext webapp = new WebAppContext();
        webapp.setClassLoader(
                new WebAppClassLoader(
                        new ContainerClassLoader(WarDeploymentIT.class.getClassLoader()), webapp));
        webapp.setContextPath("/clg");
        webapp.setWar(war().toString());
        webapp.setTempDirectory(temp.resolve("webapp").toFile());
        // A WAR that cannot start must fail the tests here, not leave a context answering 503.
        webapp.setThrowUnavailableOnStartupException(true);
        jetty.setHandler(webapp);
        jetty.start();

        assertTrue(webapp.isAvailable(), "the webapp is unavailable");
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/clg/");
    }

    @AfterAll
    static void undeployWar() throws Exception {
        try {
            if (jetty != null) {
                jetty.stop();
            }
        } finally {
            if (previousToken == null) {
                System.clearProperty(TOKEN_PROPERTY);
            } else {
                System.setProperty(TOKEN_PROPERTY, previousToken);
            }
        }
    }

    @Test
    void reportsHealthyWithEveryTransportUnderTheContextPath() throws Exception {
        HttpResponse<String> response = http.send(get("health"), ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonObject health = json(response);
        assertEquals("healthy", health.get("status").getAsString());
        JsonArray transports = new JsonArray();
        transports.add("jsonrpc");
        transports.add("sse");
        transports.add("streamable");
        assertEquals(transports, health.getAsJsonArray("transports"));
    }

    @Test
    void initializesOverRpcWithTheConfiguredToken() throws Exception {
        HttpResponse<String> response = http.send(rpc("rpc", TOKEN, INITIALIZE), ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonObject result = json(response).getAsJsonObject("result");
        assertNotNull(result, response.body());
        assertEquals("clg-mcp", result.getAsJsonObject("serverInfo").get("name").getAsString());
    }

    @Test
    void answersPingOnTheLegacyRootEndpointWithTheConfiguredToken() throws Exception {
        HttpResponse<String> response = http.send(rpc("", TOKEN, PING), ofString());

        assertEquals(200, response.statusCode(), response.body());
        JsonObject pong = json(response);
        assertEquals(7, pong.get("id").getAsInt());
        assertEquals(new JsonObject(), pong.getAsJsonObject("result"));
    }

    @Test
    void refusesRpcWithoutATokenWith401() throws Exception {
        for (String path : List.of("rpc", "")) {
            HttpResponse<String> response = http.send(rpc(path, null, PING), ofString());

            assertEquals(401, response.statusCode(), "/clg/" + path + ": " + response.body());
            assertEquals("Bearer", response.headers().firstValue("WWW-Authenticate").orElse(null));
            assertEquals("Unauthorized", json(response).get("error").getAsString());
        }
    }

    @Test
    void refusesRpcWithAWrongTokenWith401() throws Exception {
        HttpResponse<String> response = http.send(rpc("rpc", TOKEN + "x", PING), ofString());

        assertEquals(401, response.statusCode(), response.body());
    }

    @Test
    void answersAnUnknownPathWithA404JsonBody() throws Exception {
        HttpResponse<String> response = http.send(get("nope"), ofString());

        assertEquals(404, response.statusCode(), response.body());
        assertTrue(
                response.headers()
                        .firstValue("Content-Type")
                        .orElse("")
                        .startsWith("application/json"),
                response.headers().toString());
        assertEquals("Not Found", json(response).get("error").getAsString());
    }

    @Test
    void leavesJettyAndTheServletApiToTheContainer() throws Exception {
        try (ZipFile zip = new ZipFile(war().toFile())) {
            List<String> provided =
                    zip.stream()
                            .map(ZipEntry::getName)
                            .filter(
                                    name ->
                                            name.startsWith("WEB-INF/lib/jetty-")
                                                    || name.startsWith(
                                                            "WEB-INF/lib/jakarta.servlet-api"))
                            .toList();
            assertEquals(List.of(), provided);
            assertNotNull(zip.getEntry("WEB-INF/web.xml"));
        }
    }

    /**
     * What a Jetty server offers the webapps it runs: the JDK, the servlet API and Jetty itself,
     * nothing more. This test's class path also holds the application, its libraries and a second
     * {@code logback.xml}; as the webapp's parent, this loader keeps them out of its sight, so that
     * the webapp runs on the WAR's own classes and libraries alone, as in a real container. (Seen
     * through the test's class path, a class missing from the WAR would still load, and logback
     * would find two configurations and print its status report to standard output.)
     */
    private static final class ContainerClassLoader extends ClassLoader {
        private static final List<String> CONTAINER_PACKAGES =
                List.of("jakarta/servlet/", "org/eclipse/jetty/");

        private final ClassLoader container;

        ContainerClassLoader(ClassLoader container) {
            super("jetty-container", ClassLoader.getPlatformClassLoader());
            this.container = container;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (isContainers(name.replace('.', '/'))) {
                return container.loadClass(name);
            }
            throw new ClassNotFoundException(name);
        }

        @Override
        protected URL findResource(String name) {
            return isContainers(name) ? container.getResource(name) : null;
        }

        @Override
        protected Enumeration<URL> findResources(String name) throws IOException {
            return isContainers(name)
                    ? container.getResources(name)
                    : Collections.emptyEnumeration();
        }

        private static boolean isContainers(String path) {
            return CONTAINER_PACKAGES.stream().anyMatch(path::startsWith);
        }
    }

    private static HttpRequest get(String path) {
        return HttpCalls.get(base.resolve(path));
    }

    private static HttpRequest rpc(String path, String bearer, String body) {
        return HttpCalls.rpc(base.resolve(path), bearer, body);
    }

    private static Path war() {
        return packaged("clg-mcp-server.war");
    }
}
