package io.clgmcp.server.genealogy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.LoggingLevel;
import io.clgmcp.core.ToolContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tools that read several pages report progress after each and stop when cancelled. */
class MultiPageToolsTest {
    private FixtureSite site;
    private CyndisList cyndisList;

    @BeforeEach
    void start() throws Exception {
        site = FixtureSite.start();
        SiteOptions options =
                new SiteOptions(
                        site.baseUrl(),
                        "test",
                        1000,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(5),
                        Duration.ofMillis(10),
                        Duration.ofHours(1),
                        1 << 20,
                        1 << 20);
        cyndisList = new CyndisList(options, new SitePages(options));
    }

    @AfterEach
    void stop() {
        site.close();
    }

    @Test
    void filterReportsEachPageItReads() throws Exception {
        Recording context =
                new Recording(
                        "{\"categories\":[\"census\",\"military\"],\"locations\":[\"ireland\"]}");

        new FilterResourcesTool(cyndisList).get().handler().call(context);

        assertEquals(
                List.of(
                        "1/3 Read Census",
                        "2/3 Read Military Resources Worldwide",
                        "3/3 Read Ireland & Northern Ireland"),
                context.progress);
    }

    @Test
    void detailsCountTheRelatedPagesOnceTheyAreKnown() throws Exception {
        Recording context = new Recording("{\"resourceId\":\"census\",\"includeRelated\":true}");

        new ResourceDetailsTool(cyndisList).get().handler().call(context);

        assertEquals(
                List.of(
                        "1/? Read Census",
                        "2/4 Read Military Resources Worldwide",
                        "3/4 Read Immigration & Emigration",
                        "4/4 Read New York"),
                context.progress);
    }

    @Test
    void aCancelledFilterStopsReading() {
        Recording context =
                new Recording("{\"categories\":[\"census\",\"military\",\"immigration\"]}");
        context.cancelAfter = 1;

        assertThrows(
                InterruptedException.class,
                () -> new FilterResourcesTool(cyndisList).get().handler().call(context));
        assertEquals(1, site.requests("/census/"));
        assertEquals(0, site.requests("/military/"));
        assertEquals(0, site.requests("/immigration/"));
    }

    /** A call's context that records its progress reports and can be cancelled after some. */
    private static final class Recording implements ToolContext {
        final List<String> progress = new ArrayList<>();
        private final JsonObject arguments;
        int cancelAfter = Integer.MAX_VALUE;

        Recording(String arguments) {
            this.arguments = JsonParser.parseString(arguments).getAsJsonObject();
        }

        @Override
        public JsonObject arguments() {
            return arguments.deepCopy();
        }

        @Override
        public void reportProgress(double done, Double total, String message) {
            progress.add(
                    (int) done
                            + "/"
                            + (total == null ? "?" : "" + total.intValue())
                            + " "
                            + message);
        }

        @Override
        public boolean isCancelled() {
            return progress.size() >= cancelAfter;
        }

        @Override
        public void log(LoggingLevel level, String logger, JsonElement data) {}

        @Override
        public JsonObject request(String method, JsonObject params) {
            throw new UnsupportedOperationException(method);
        }

        @Override
        public void closeStream() {}
    }
}
