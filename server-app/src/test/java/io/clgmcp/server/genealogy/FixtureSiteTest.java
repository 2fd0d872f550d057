package io.clgmcp.server.genealogy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FixtureSiteTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(WAIT).build();
    private FixtureSite site;

    @BeforeEach
    void start() throws Exception {
        site = FixtureSite.start();
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void servesEachPathItsIndexPage() throws Exception {
        assertPage("/", "index.html");
        assertPage("/us/ny/", "us/ny/index.html");
        assertPage("/us/ny", "us/ny/index.html");
    }

    @Test
    void servesSearchResultsByQueryAndPage() throws Exception {
        assertPage("/search/?q=Census", "search/census.html");
        assertPage("/search/?q=census&page=2", "search/census-2.html");
        assertPage("/search/?q=no+such+thing", "search/no-results.html");
        assertEquals(1, site.requests("/search/?q=Census"));
    }

    @Test
    void answersAnythingElseWith404() throws Exception {
        assertEquals(404, get("/no-such-category/").statusCode());
        assertEquals(404, get("/search/census.html").statusCode());
    }

    @Test
    void countsRequestsAndTheirUserAgents() throws Exception {
        http.send(
                HttpRequest.newBuilder(site.baseUrl().resolve("/census/"))
                        .header("User-Agent", "fixture-test")
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        get("/census/");

        assertEquals(2, site.requests("/census/"));
        assertEquals(2, site.totalRequests());
        assertEquals("fixture-test", site.userAgents().get(0));
    }

    @Test
    void failsTheNextRequestsAsToldThenServesAgain() throws Exception {
        site.failNext("/census/", 503, 2);

        assertEquals(503, get("/census/").statusCode());
        assertEquals(503, get("/census/").statusCode());
        assertEquals(200, get("/census/").statusCode());
    }

    @Test
    void servesWhatItIsGiven() throws Exception {
        site.serve("/files/tree.pdf", "application/pdf", new byte[] {1, 2, 3});

        HttpResponse<String> response = get("/files/tree.pdf");

        assertEquals("application/pdf", response.headers().firstValue("Content-Type").get());
        assertEquals(3, response.body().length());
    }

    @Test
    void holdsRequestsUntilReleased() throws Exception {
        FixtureSite.Gate gate = site.hold("/census/");
        CompletableFuture<HttpResponse<String>> held = getAsync("/census/");
        gate.awaitArrivals(1);

        assertEquals(200, get("/us/ny/").statusCode());
        gate.release();

        assertEquals(200, held.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode());
    }

    @Test
    void closingEndsHeldRequests() throws Exception {
        FixtureSite.Gate gate = site.hold("/census/");
        List<CompletableFuture<HttpResponse<String>>> held =
                List.of(getAsync("/census/"), getAsync("/census/"));
        gate.awaitArrivals(2);

        site.close();

        // Answered or cut off, each ends; close() itself fails if the site's threads linger.
        for (CompletableFuture<HttpResponse<String>> request : held) {
            request.handle((response, failure) -> null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private void assertPage(String pathAndQuery, String resource) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);

        assertEquals(200, response.statusCode());
        assertEquals(
                "text/html; charset=utf-8", response.headers().firstValue("Content-Type").get());
        try (InputStream expected = getClass().getResourceAsStream("/clg-site/" + resource)) {
            assertArrayEquals(expected.readAllBytes(), response.body().getBytes(UTF_8));
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return getAsync(pathAndQuery).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery) {
        return http.sendAsync(
                HttpRequest.newBuilder(site.baseUrl().resolve(pathAndQuery)).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
