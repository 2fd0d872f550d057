package io.clgmcp.server.genealogy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The five genealogy tools end to end: our server, over HTTP, reading a fixture site. */
class GenealogyToolsTest {
    private FixtureSite site;
    private GenealogyServer server;

    @BeforeEach
    void start() throws Exception {
        site = FixtureSite.start();
        server = GenealogyServer.start(site.baseUrl());
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        site.close();
    }

    @Test
    void listsTheFiveToolsWithTheirInputsAndOutputSchemas() throws Exception {
        JsonObject byName = new JsonObject();
        for (JsonElement tool : server.tools()) {
            byName.add(tool.getAsJsonObject().get("name").getAsString(), tool);
        }
        assertEquals(
                Set.of(
                        "search_genealogy_resources",
                        "browse_categories",
                        "get_resource_details",
                        "filter_resources",
                        "get_location_resources"),
                byName.keySet());
        JsonObject search =
                byName.getAsJsonObject("search_genealogy_resources").getAsJsonObject("inputSchema");
        assertEquals(
                Set.of("query", "location", "timePeriod", "resourceType", "maxResults"),
                search.getAsJsonObject("properties").keySet());
        assertEquals(
                50,
                search.getAsJsonObject("properties")
                        .getAsJsonObject("maxResults")
                        .get("maximum")
                        .getAsInt());
        assertEquals(
                Set.of("categories", "locations", "languages", "freeOnly", "hasDigitalRecords"),
                byName.getAsJsonObject("filter_resources")
                        .getAsJsonObject("inputSchema")
                        .getAsJsonObject("properties")
                        .keySet());
        for (String name : byName.keySet()) {
            assertTrue(byName.getAsJsonObject(name).has("outputSchema"), name);
        }
    }

    @Test
    void searchReadsEveryResultPageAndTellsTheTruthAboutPaging() throws Exception {
        JsonObject result = server.call("search_genealogy_resources", "{\"query\":\"census\"}");

        assertEquals(6, result.get("totalCount").getAsInt());
        assertEquals(6, result.get("returned").getAsInt());
        assertEquals(2, result.get("pagesSearched").getAsInt());
        assertTrue(result.get("complete").getAsBoolean());
        assertFalse(result.get("hasMore").getAsBoolean());
        assertEquals("1901 Census of Canada", titles(result).get(0));
        assertEquals("1890 Veterans Schedules", titles(result).get(5));
    }

    @Test
    void searchStopsReadingWhenMaxResultsAreFoundAndSaysThereIsMore() throws Exception {
        JsonObject result =
                server.call(
                        "search_genealogy_resources", "{\"query\":\"census\",\"maxResults\":2}");

        assertEquals(List.of("1901 Census of Canada", "1940 U.S. Census Records"), titles(result));
        assertEquals(4, result.get("totalCount").getAsInt());
        assertEquals(1, result.get("pagesSearched").getAsInt());
        assertFalse(result.get("complete").getAsBoolean());
        assertTrue(result.get("hasMore").getAsBoolean());
        assertEquals(0, site.requests("/search/?q=census&page=2"));
    }

    @Test
    void searchNarrowsByLocationTypeAndPeriod() throws Exception {
        assertEquals(
                List.of("New York State Census, 1855-1925"),
                titles(
                        server.call(
                                "search_genealogy_resources",
                                "{\"query\":\"census\",\"location\":\"New York\"}")));
        assertEquals(
                List.of("1890 Veterans Schedules"),
                titles(
                        server.call(
                                "search_genealogy_resources",
                                "{\"query\":\"census\",\"resourceType\":\"military\"}")));
        assertEquals(
                List.of(
                        "1901 Census of Canada",
                        "New York State Census, 1855-1925",
                        "Census of Ireland 1901 and 1911"),
                titles(
                        server.call(
                                "search_genealogy_resources",
                                "{\"query\":\"census\",\"timePeriod\":{\"start\":1900,\"end\":1910}}")));
    }

    @Test
    void searchDescribesEachResultFromItsListing() throws Exception {
        JsonObject fee =
                resource(
                        server.call("search_genealogy_resources", "{\"query\":\"census\"}"),
                        "1940 U.S. Census Records");

        assertEquals("https://records.example.com/1940-census", fee.get("url").getAsString());
        assertEquals("Census » United States", fee.get("category").getAsString());
        assertFalse(fee.get("isFree").getAsBoolean());
        assertTrue(fee.get("hasDigitalRecords").getAsBoolean());
        assertEquals("census", fee.getAsJsonArray("resourceTypes").get(0).getAsString());
        assertEquals(
                1940, fee.getAsJsonArray("years").get(0).getAsJsonObject().get("from").getAsInt());
    }

    @Test
    void aSearchWithNoMatchesIsAnHonestEmptyAnswer() throws Exception {
        JsonObject result = server.call("search_genealogy_resources", "{\"query\":\"zzyzx\"}");

        assertEquals(0, result.get("totalCount").getAsInt());
        assertTrue(result.get("complete").getAsBoolean());
    }

    @Test
    void searchRefusesAPeriodThatEndsBeforeItStarts() throws Exception {
        String message =
                server.error(
                        "search_genealogy_resources",
                        "{\"query\":\"census\",\"timePeriod\":{\"start\":1900,\"end\":1850}}");

        assertTrue(message.contains("timePeriod.start"), message);
        assertEquals(0, site.totalRequests());
    }

    @Test
    void neverFollowsAPageLinkToAnotherHost() throws Exception {
        String elsewhere = "http://localhost:" + site.baseUrl().getPort() + "/search/?q=x&page=2";
        site.serve(
                "/search/",
                "text/html; charset=utf-8",
                ("<main><h1>Search Results</h1><ol><li><a href=\"https://a.example.org/\">A</a></li>"
                                + "</ol><a rel=\"next\" href=\""
                                + elsewhere
                                + "\">Next</a></main>")
                        .getBytes(StandardCharsets.UTF_8));

        String message = server.error("search_genealogy_resources", "{\"query\":\"x\"}");

        assertTrue(message.contains("not a Cyndi's List page"), message);
        assertEquals(1, site.totalRequests());
    }

    @Test
    void browsesTheTopLevelAndACategoryWithCountsOnlyWhenAsked() throws Exception {
        JsonObject top = server.call("browse_categories", "{}");
        JsonArray categories = top.getAsJsonArray("categories");
        assertEquals(9, categories.size());
        assertFalse(categories.get(0).getAsJsonObject().has("count"));

        JsonObject census =
                server.call(
                        "browse_categories",
                        "{\"parentCategory\":\"census\",\"includeCount\":true}");
        JsonObject us = census.getAsJsonArray("categories").get(1).getAsJsonObject();
        assertEquals("United States", us.get("name").getAsString());
        assertEquals("census/us", us.get("path").getAsString());
        assertEquals(1210, us.get("count").getAsInt());
        assertEquals(7, census.get("resourceCount").getAsInt());
    }

    @Test
    void detailsReadRelatedPagesWhenAsked() throws Exception {
        JsonObject details =
                server.call(
                        "get_resource_details",
                        "{\"resourceId\":\"/census/\",\"includeRelated\":true}");

        assertEquals("Census", details.get("title").getAsString());
        assertEquals(7, details.getAsJsonArray("links").size());
        JsonArray related = details.getAsJsonArray("related");
        assertEquals(3, related.size());
        assertEquals(
                "Military Resources Worldwide",
                related.get(0).getAsJsonObject().get("title").getAsString());
        assertEquals(5, related.get(0).getAsJsonObject().get("linkCount").getAsInt());
        assertEquals(1, site.requests("/military/"));
    }

    @Test
    void detailsRefuseAddressesOfOtherSites() throws Exception {
        String message =
                server.error(
                        "get_resource_details",
                        "{\"resourceId\":\"http://169.254.169.254/latest/\"}");

        assertTrue(message.contains("not a Cyndi's List page"), message);
        assertEquals(0, site.totalRequests());
    }

    @Test
    void filterKeepsWhatBelongsToBothACategoryAndALocation() throws Exception {
        JsonObject result =
                server.call(
                        "filter_resources",
                        "{\"categories\":[\"census\"],\"locations\":[\"us/ny\"]}");

        assertEquals(List.of("New York State Census, 1855-1925"), titles(result));
        assertEquals(2, result.getAsJsonArray("pagesRead").size());
    }

    @Test
    void filterNarrowsByLanguageCostAndOnlineRecords() throws Exception {
        assertEquals(
                List.of("Volkszählung 1895", "Hamburger Passagierlisten"),
                titles(
                        server.call(
                                "filter_resources",
                                "{\"categories\":[\"census\",\"immigration\"],\"languages\":[\"de\"]}")));
        List<String> freeOnline =
                titles(
                        server.call(
                                "filter_resources",
                                "{\"categories\":[\"military\"],\"freeOnly\":true,"
                                        + "\"hasDigitalRecords\":true}"));
        assertEquals(
                List.of(
                        "Civil War Soldiers and Sailors Database",
                        "New York Civil War Muster Roll Abstracts"),
                freeOnline);
    }

    @Test
    void filterWithNothingToReadIsAnError() throws Exception {
        String message = server.error("filter_resources", "{\"freeOnly\":true}");

        assertTrue(message.contains("at least one category or location"), message);
    }

    @Test
    void locationResourcesListThePlaceAndThePlacesBelowIt() throws Exception {
        JsonObject result =
                server.call("get_location_resources", "{\"country\":\"US\",\"state\":\"NY\"}");

        assertEquals("New York", result.get("title").getAsString());
        assertEquals(5, result.get("totalCount").getAsInt());
        JsonObject albany = result.getAsJsonArray("subLocations").get(0).getAsJsonObject();
        assertEquals("Albany County", albany.get("name").getAsString());
        assertEquals(212, albany.get("count").getAsInt());
        assertEquals(1, site.requests("/us/ny/"));
    }

    @Test
    void anUnknownPlaceIsAnErrorThatSaysSo() throws Exception {
        String message = server.error("get_location_resources", "{\"country\":\"Narnia\"}");

        assertTrue(message.contains("404"), message);
        assertTrue(message.contains("/narnia/"), message);
    }

    @Test
    void aRepeatedCallIsAnsweredFromTheCache() throws Exception {
        server.call("browse_categories", "{\"parentCategory\":\"census\"}");
        server.call("get_resource_details", "{\"resourceId\":\"census\"}");

        assertEquals(1, site.requests("/census/"));
    }

    @Test
    void identifiesItselfHonestlyToTheSite() throws Exception {
        server.call("browse_categories", "{}");

        assertTrue(site.userAgents().get(0).startsWith("CLG-MCP/"), site.userAgents().toString());
    }

    @Test
    void aServerErrorIsRetriedOnceThenReported() throws Exception {
        site.failNext("/military/", 503, 1);
        assertEquals(
                5,
                server.call("get_resource_details", "{\"resourceId\":\"military\"}")
                        .getAsJsonArray("links")
                        .size());

        site.failNext("/immigration/", 503, 2);
        String message = server.error("get_resource_details", "{\"resourceId\":\"immigration\"}");
        assertTrue(message.contains("503"), message);
        assertEquals(2, site.requests("/immigration/"));
    }

    @Test
    void anUnrecognisedPageIsAnErrorNotAnEmptyList() throws Exception {
        String message = server.error("browse_categories", "{\"parentCategory\":\"maintenance\"}");

        assertTrue(message.contains("recognise"), message);
    }

    @Test
    void readsAPageOfOldAndBrokenMarkup() throws Exception {
        JsonObject details =
                server.call("get_resource_details", "{\"resourceId\":\"odds-and-ends\"}");

        assertEquals("Odds & Ends", details.get("title").getAsString());
        assertEquals(
                List.of(
                        "Strange Deaths in Old Newspapers",
                        "Farmers' Almanac Archive",
                        "Tombstone Tourist"),
                titles(details));
        assertEquals(
                "Cemeteries & Funeral Homes",
                details.getAsJsonArray("relatedCategories")
                        .get(0)
                        .getAsJsonObject()
                        .get("name")
                        .getAsString());
    }

    @Test
    void anUnreachableSiteIsAnErrorThatSaysSo() throws Exception {
        URI nowhere;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
        try (GenealogyServer offline = GenealogyServer.start(nowhere)) {
            String message = offline.error("browse_categories", "{}");

            assertTrue(message.contains("Could not reach Cyndi's List"), message);
        }
    }

    private static List<String> titles(JsonObject result) {
        JsonArray resources =
                result.has("resources")
                        ? result.getAsJsonArray("resources")
                        : result.getAsJsonArray("links");
        List<String> titles = new ArrayList<>();
        resources.forEach(r -> titles.add(r.getAsJsonObject().get("title").getAsString()));
        return titles;
    }

    private static JsonObject resource(JsonObject result, String title) {
        for (JsonElement resource : result.getAsJsonArray("resources")) {
            if (resource.getAsJsonObject().get("title").getAsString().equals(title)) {
                return resource.getAsJsonObject();
            }
        }
        throw new AssertionError(
                title + " not among " + titles(result).stream().collect(Collectors.joining(", ")));
    }
}
