package io.clgmcp.server.genealogy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SitePagesTest {
    private static final String USER_AGENT = "CLG-MCP-test/1.0 (+https://example.org/clg-mcp)";
    private static final Duration TTL = Duration.ofMinutes(10);
    private static final int MAX_PAGE_BYTES = 100_000;
    private static final long WAIT_SECONDS = 10;

    private final AtomicLong ticker = new AtomicLong();
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private FixtureSite site;
    private SitePages pages;
    private URI census;

    @BeforeEach
    void start() throws Exception {
        site = FixtureSite.start();
        pages = pages(Duration.ofSeconds(WAIT_SECONDS));
        census = site.baseUrl().resolve("/census/");
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        site.close();
    }

    @Test
    void sendsItsUserAgent() throws Exception {
        pages.get(census);

        assertEquals(List.of(USER_AGENT), site.userAgents());
    }

    @Test
    void returnsThePageAndItsAddress() throws Exception {
        FetchedPage page = pages.get(census);

        assertEquals(census, page.url());
        assertTrue(page.html().contains("<title>"), page.html());
    }

    @Test
    void addressIsTheOneRedirectedTo() throws Exception {
        site.redirect("/old-census/", "/census/");

        FetchedPage page = pages.get(site.baseUrl().resolve("/old-census/"));

        assertEquals(census, page.url());
        assertEquals(1, site.requests("/census/"));
    }

    @Test
    void repeatedGetIsServedFromTheCache() throws Exception {
        FetchedPage first = pages.get(census);

        assertSame(first, pages.get(census));
        assertEquals(1, site.requests("/census/"));
    }

    @Test
    void pageIsFetchedAgainOnceItsTimeToLiveHasPassed() throws Exception {
        pages.get(census);

        ticker.addAndGet(TTL.minusNanos(1).toNanos());
        pages.get(census);
        assertEquals(1, site.requests("/census/"));

        ticker.addAndGet(1);
        pages.get(census);
        assertEquals(2, site.requests("/census/"));
    }

    @Test
    void concurrentRequestsForOnePageShareOneFetch() throws Exception {
        FixtureSite.Gate gate = site.hold("/census/");
        CompletableFuture<FetchedPage> shared = pages.getAsync(census);
        gate.awaitArrivals(1);
        // The fetch cannot finish while held, so the same future means the same fetch.
        assertSame(shared, pages.getAsync(census));

        int waiting = shared.getNumberOfDependents();
        List<Future<FetchedPage>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(callers.submit(() -> pages.get(census)));
        }
        // Each call blocked on the shared fetch adds one dependent to it.
        awaitTrue(() -> shared.getNumberOfDependents() >= waiting + calls.size());
        gate.release();

        FetchedPage page = shared.get(WAIT_SECONDS, TimeUnit.SECONDS);
        for (Future<FetchedPage> call : calls) {
            assertSame(page, call.get(WAIT_SECONDS, TimeUnit.SECONDS));
        }
        assertEquals(1, site.requests("/census/"));
    }

    @Test
    void missingPageIsReported() {
        URI missing = site.baseUrl().resolve("/no-such-category/");

        SiteException failure = assertThrows(SiteException.class, () -> pages.get(missing));

        assertTrue(failure.getMessage().contains("HTTP 404"), failure.getMessage());
        assertTrue(failure.getMessage().contains(missing.toString()), failure.getMessage());
    }

    @Test
    void serverErrorIsRetriedOnce() throws Exception {
        site.failNext("/census/", 503, 1);

        FetchedPage page = pages.get(census);

        assertEquals(census, page.url());
        assertEquals(2, site.requests("/census/"));
    }

    @Test
    void serverErrorTwiceIsReported() {
        site.failNext("/census/", 503, 2);

        SiteException failure = assertThrows(SiteException.class, () -> pages.get(census));

        assertTrue(failure.getMessage().contains("HTTP 503"), failure.getMessage());
        assertTrue(failure.getMessage().contains("server error"), failure.getMessage());
        assertEquals(2, site.requests("/census/"));
    }

    @Test
    void clientErrorIsNotRetried() {
        site.failNext("/census/", 403, 1);

        SiteException failure = assertThrows(SiteException.class, () -> pages.get(census));

        assertTrue(failure.getMessage().contains("HTTP 403"), failure.getMessage());
        assertEquals(1, site.requests("/census/"));
    }

    @Test
    void failuresAreNotCached() throws Exception {
        site.failNext("/census/", 503, 2);
        assertThrows(SiteException.class, () -> pages.get(census));

        FetchedPage page = pages.get(census);

        assertEquals(census, page.url());
        assertEquals(3, site.requests("/census/"));
    }

    @Test
    void slowAnswerIsReported() throws Exception {
        SitePages impatient = pages(Duration.ofMillis(300));
        site.hold("/census/");

        SiteException failure = assertThrows(SiteException.class, () -> impatient.get(census));

        assertTrue(
                failure.getMessage().contains("did not answer within 0.3 seconds"),
                failure.getMessage());
        assertEquals(1, site.requests("/census/"));
    }

    @Test
    void unreachableSiteIsReported() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port + "/census/");

        SiteException failure = assertThrows(SiteException.class, () -> pages.get(nowhere));

        assertTrue(
                failure.getMessage().startsWith("Could not reach Cyndi's List at " + nowhere),
                failure.getMessage());
    }

    @Test
    void answerThatIsNoWebPageIsRefused() {
        site.serve("/census/", "application/pdf", "%PDF-1.7".getBytes(UTF_8));

        SiteException failure = assertThrows(SiteException.class, () -> pages.get(census));

        assertTrue(failure.getMessage().contains("is not a web page"), failure.getMessage());
        assertTrue(failure.getMessage().contains("application/pdf"), failure.getMessage());
    }

    @Test
    void pageOverTheSizeLimitIsRefused() {
        site.serve("/census/", "text/html", html(MAX_PAGE_BYTES + 1));

        SiteException failure = assertThrows(SiteException.class, () -> pages.get(census));

        assertTrue(
                failure.getMessage().contains("larger than " + MAX_PAGE_BYTES),
                failure.getMessage());
    }

    @Test
    void pageAtTheSizeLimitIsRead() throws Exception {
        site.serve("/census/", "text/html", html(MAX_PAGE_BYTES));

        assertEquals(MAX_PAGE_BYTES, pages.get(census).html().length());
    }

    @Test
    void charsetIsTheOneTheAnswerNames() throws Exception {
        site.serve(
                "/census/", "text/html; charset=ISO-8859-1", "<p>Québec</p>".getBytes(ISO_8859_1));

        assertEquals("<p>Québec</p>", pages.get(census).html());
    }

    @Test
    void charsetIsUtf8WhenTheAnswerNamesNone() throws Exception {
        site.serve("/census/", "application/xhtml+xml", "<p>Québec</p>".getBytes(UTF_8));

        assertEquals("<p>Québec</p>", pages.get(census).html());
    }

    @Test
    void interruptedCallLeavesTheFetchToTheOthers() throws Exception {
        FixtureSite.Gate gate = site.hold("/census/");
        CompletableFuture<FetchedPage> shared = pages.getAsync(census);
        gate.awaitArrivals(1);
        int waiting = shared.getNumberOfDependents();
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread caller =
                new Thread(
                        () -> {
                            try {
                                outcome.complete(pages.get(census));
                            } catch (Throwable failure) {
                                outcome.complete(failure);
                            }
                        });
        caller.start();
        awaitTrue(() -> shared.getNumberOfDependents() > waiting);

        caller.interrupt();

        assertInstanceOf(InterruptedException.class, outcome.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertFalse(shared.isDone());
        gate.release();
        assertEquals(census, shared.get(WAIT_SECONDS, TimeUnit.SECONDS).url());
        assertSame(shared.join(), pages.get(census));
        assertEquals(1, site.requests("/census/"));
    }

    private SitePages pages(Duration readTimeout) {
        SiteOptions options =
                new SiteOptions(
                        site.baseUrl(),
                        USER_AGENT,
                        1000,
                        Duration.ofSeconds(WAIT_SECONDS),
                        readTimeout,
                        Duration.ofMillis(10),
                        TTL,
                        1 << 20,
                        MAX_PAGE_BYTES);
        return new SitePages(options, ticker::get, System::nanoTime);
    }

    private static byte[] html(int bytes) {
        byte[] page = new byte[bytes];
        Arrays.fill(page, (byte) 'a');
        return page;
    }

    /** Waits, without sleeping, for a condition another thread brings about. */
    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("the condition did not come about");
            }
            Thread.onSpinWait();
        }
    }
}
