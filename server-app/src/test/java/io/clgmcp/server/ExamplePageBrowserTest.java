package io.clgmcp.server;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.clgmcp.server.TestServer.Reply;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The example SSE client page, served by a real server and used in Debian's headless Chromium
 * ({@code /usr/bin/chromium}; Playwright never downloads a browser).
 */
@Timeout(120)
class ExamplePageBrowserTest {
    private static final String PAGE = "/examples/sse-client.html";
    private static final String TOKEN = "browser-test-token";
    private static final Pattern CONNECTION_ID = Pattern.compile("^conn_\\d+_[0-9a-f]{32}$");

    private static Playwright playwright;
    private static Browser browser;

    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private BrowserContext context;
    private Page page;

    @BeforeAll
    static void launchChromium() {
        playwright =
                Playwright.create(
                        new Playwright.CreateOptions()
                                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser =
                playwright
                        .chromium()
                        .launch(
                                new BrowserType.LaunchOptions()
                                        .setExecutablePath(Paths.get("/usr/bin/chromium"))
                                        .setHeadless(true)
                                        .setArgs(
                                                List.of(
                                                        "--no-sandbox",
                                                        "--disable-gpu",
                                                        "--disable-background-networking",
                                                        "--disable-component-update")));
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    static void closeChromium() {
        if (playwright != null) {
            playwright.close();
        }
    }

    @BeforeEach
    void openPage() {
        context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 1000));
        page = context.newPage();
        // Uncaught errors, and anything the Content-Security-Policy refused: the page must have
        // none.
        page.onPageError(error -> problems.add("page error: " + error));
        page.onConsoleMessage(
                message -> {
                    if (message.text().contains("Content Security Policy")) {
                        problems.add("console: " + message.text());
                    }
                });
    }

    @AfterEach
    void closePage() {
        if (context != null) {
            context.close();
        }
    }

    private TestServer start(Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(extra);
        settings.put("MCP_AUTH_TOKEN", TOKEN);
        settings.put("SSE_HEARTBEAT_INTERVAL", "500");
        settings.put("SHUTDOWN_GRACE_MS", "2000");
        return servers.start(settings, TestTools.echo());
    }

    private static String base(TestServer server) {
        return server.uri("/").toString().replaceAll("/+$", "");
    }

    private void open(TestServer server) {
        Response response = page.navigate(base(server) + PAGE);
        assertEquals(200, response.status());
        assertThat(page.locator("#url")).hasValue(base(server));
        assertThat(page.locator("#status")).hasAttribute("data-state", "disconnected");
    }

    private void connect(String token) {
        page.locator("#token").fill(token);
        page.locator("#connect").click();
    }

    private String awaitConnection() {
        assertThat(page.locator("#status")).hasAttribute("data-state", "connected");
        assertThat(page.locator("#connection-id")).hasText(CONNECTION_ID);
        return page.locator("#connection-id").textContent();
    }

    private Locator tool(String name) {
        return page.locator("#tools li[data-tool='" + name + "']");
    }

    @Test
    void servesThePageWithoutATokenButNotTheStream() throws Exception {
        TestServer server = start(Map.of());

        Reply reply = server.get(PAGE);
        assertEquals(200, reply.status(), reply::toString);
        assertEquals(
                "text/html;charset=utf-8",
                reply.header("Content-Type").orElse("").replace(" ", "").toLowerCase());
        assertEquals("no-cache", reply.header("Cache-Control").orElse(null));
        String policy = reply.header("Content-Security-Policy").orElse("");
        assertTrue(policy.startsWith("default-src 'none';"), policy);
        assertTrue(policy.contains("script-src 'sha256-"), policy);
        assertTrue(policy.contains("style-src 'sha256-"), policy);
        assertTrue(reply.body().contains("id=\"connect\""), reply::toString);

        Reply head = server.send("HEAD", PAGE, null);
        assertEquals(200, head.status(), head::toString);
        assertEquals("", head.body());
        assertEquals(policy, head.header("Content-Security-Policy").orElse(null));

        Reply post = server.post(PAGE, "{}");
        assertEquals(405, post.status(), post::toString);
        assertEquals("GET, HEAD", post.header("Allow").orElse(null));
        assertEquals("Method Not Allowed", post.json().get("error").getAsString());

        Reply stream = server.get("/sse");
        assertEquals(401, stream.status(), stream::toString);
        assertEquals("Bearer", stream.header("WWW-Authenticate").orElse(null));
    }

    @Test
    void connectsListsToolsAndCallsAToolInChromium() throws Exception {
        TestServer server = start(Map.of());
        open(server);

        connect(TOKEN);
        awaitConnection();
        server.awaitSseStat("activeConnections", 1);
        assertThat(tool("echo")).containsText("Says the text back");
        assertThat(page.locator("#last-heartbeat")).hasText(Pattern.compile("\\d"));

        page.locator("#tool-select").selectOption("echo");
        page.locator("#arguments").fill("{\"text\":\"hello from chromium\"}");
        page.locator("#call").click();
        assertThat(page.locator("#result")).hasText("echo: hello from chromium");
        assertThat(page.locator("#result")).hasAttribute("data-state", "ok");
        assertThat(page.locator("#log li[data-kind='mcp-response']")).not().hasCount(0);
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("/tmp/sse-page.png")));
        assertEquals(List.of(), problems);

        page.locator("#disconnect").click();
        assertThat(page.locator("#status")).hasAttribute("data-state", "disconnected");
        assertThat(page.locator("#connection-id")).isEmpty();
        assertThat(page.locator("#call")).isDisabled();
        server.awaitSseStat("activeConnections", 0);
    }

    @Test
    void reconnectsWithANewConnectionWhenTheServerComesBack() throws Exception {
        TestServer first = start(Map.of());
        int port = first.uri("/").getPort();
        open(first);
        connect(TOKEN);
        String before = awaitConnection();
        assertThat(tool("echo")).isVisible();

        first.close();
        assertThat(page.locator("#log li[data-kind='lost']")).not().hasCount(0);
        start(Map.of("PORT", String.valueOf(port)));

        assertNotEquals(before, awaitConnection());
        assertThat(tool("echo")).isVisible();
        page.locator("#tool-select").selectOption("echo");
        page.locator("#arguments").fill("{\"text\":\"again\"}");
        page.locator("#call").click();
        assertThat(page.locator("#result")).hasText("echo: again");
        assertEquals(List.of(), problems);
    }

    @Test
    void stopsAtAWrongTokenInsteadOfRetrying() throws Exception {
        TestServer server = start(Map.of());
        open(server);

        connect("not-the-token");

        assertThat(page.locator("#status")).hasAttribute("data-state", "failed");
        assertThat(page.locator("#status")).containsText("401");
        assertThat(page.locator("#connect")).isEnabled();
        assertThat(page.locator("#log li[data-kind='lost']")).hasCount(0);
        assertThat(page.locator("#connection-id")).isEmpty();
    }
}
