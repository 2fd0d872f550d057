package io.clgmcp.server.genealogy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PageParserTest {
    private static final URI SITE = URI.create("http://127.0.0.1:8080/");

    /** Parses the fixture page at {@code /clg-site/<fixture>} as if served at the address. */
    private static SitePage page(String fixture, String address) throws Exception {
        return PageParser.parse(fixture(fixture), SITE.resolve(address));
    }

    private static String fixture(String path) throws IOException {
        try (InputStream in = PageParserTest.class.getResourceAsStream("/clg-site/" + path)) {
            if (in == null) {
                throw new IOException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static <T, R> List<R> each(List<T> items, Function<T, R> field) {
        return items.stream().map(field).toList();
    }

    private static List<URI> urls(String... addresses) {
        return Arrays.stream(addresses).map(SITE::resolve).toList();
    }

    private static ListedResource resource(SitePage page, String title) {
        return page.resources().stream()
                .filter(resource -> resource.title().equals(title))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no resource " + title + " in " + page));
    }

    @Test
    void homeListsItsCategoriesInOrderWithCounts() throws Exception {
        SitePage home = page("index.html", "/");

        assertEquals("Cyndi's List", home.title());
        assertEquals(
                "A categorized and cross-referenced index to genealogical resources on the"
                        + " Internet.",
                home.description());
        assertEquals(
                List.of(
                        "Census",
                        "Cemeteries & Funeral Homes",
                        "Church Records",
                        "Immigration & Emigration",
                        "Military Resources Worldwide",
                        "Newspapers",
                        "Ireland & Northern Ireland",
                        "United States",
                        "Odds & Ends"),
                each(home.categories(), CategoryLink::name));
        assertEquals(
                List.of(4012, 3220, 812, 1540, 2105, 1874, 3012, 61230, 95),
                each(home.categories(), CategoryLink::count));
        assertEquals(SITE.resolve("/census/"), home.categories().get(0).url());
        assertTrue(home.resources().isEmpty(), () -> home.resources().toString());
        assertTrue(home.relatedCategories().isEmpty());
        assertNull(home.nextPage());
    }

    @Test
    void navigationFooterAndMailLinksAreNotCategories() throws Exception {
        SitePage home = page("index.html", "/");

        List<String> addresses = each(home.categories(), c -> c.url().toString());
        for (String furniture : List.of("/categories/", "/search/", "/about/", "/privacy/")) {
            assertFalse(addresses.contains(SITE.resolve(furniture).toString()), furniture);
        }
        assertFalse(addresses.contains(SITE.toString()));
        assertTrue(
                addresses.stream().allMatch(a -> a.startsWith(SITE.toString())),
                addresses::toString);
    }

    @Test
    void categoryPageGivesSubCategoriesResourcesAndRelatedCategories() throws Exception {
        SitePage census = page("census/index.html", "/census/");

        assertEquals(SITE.resolve("/census/"), census.url());
        assertEquals("Census", census.title());
        assertEquals(
                "Census records, indexes and guides for finding your ancestors in population"
                        + " enumerations.",
                census.description());
        assertEquals(
                List.of(
                        new CategoryLink("General Resources", SITE.resolve("/census/general/"), 94),
                        new CategoryLink("United States", SITE.resolve("/census/us/"), 1210),
                        new CategoryLink("Canada", SITE.resolve("/census/canada/"), 143)),
                census.categories());
        assertEquals(
                List.of(
                        new CategoryLink(
                                "Military Resources Worldwide", SITE.resolve("/military/"), null),
                        new CategoryLink(
                                "Immigration & Emigration", SITE.resolve("/immigration/"), null),
                        new CategoryLink("New York", SITE.resolve("/us/ny/"), null)),
                census.relatedCategories());
        assertNull(census.nextPage());
    }

    @Test
    void categoryPageListsEachResourceWithWhatItsItemSays() throws Exception {
        SitePage census = page("census/index.html", "/census/");

        assertEquals(
                List.of(
                        "History of the U.S. Census",
                        "1850 and 1860 Slave Schedules",
                        "1901 Census of Canada",
                        "1940 U.S. Census Records",
                        "Volkszählung 1895",
                        "Census of Ireland 1901 and 1911",
                        "New York State Census, 1855-1925"),
                each(census.resources(), ListedResource::title));
        assertEquals(
                new ListedResource(
                        "History of the U.S. Census",
                        URI.create("https://history.example.gov/census/"),
                        "How each census from 1790 to 2020 was taken, with the questions asked.",
                        "General Resources",
                        null,
                        false),
                census.resources().get(0));
        assertEquals(
                List.of(
                        "General Resources",
                        "General Resources",
                        "Censuses by Country",
                        "Censuses by Country",
                        "Censuses by Country",
                        "Censuses by Country",
                        "Censuses by Country"),
                each(census.resources(), ListedResource::category));
        assertEquals(
                List.of(false, false, false, true, false, false, false),
                each(census.resources(), ListedResource::feeBased));
        assertEquals(
                Arrays.asList(null, null, null, null, "de", null, null),
                each(census.resources(), ListedResource::language));

        ListedResource paid = resource(census, "1940 U.S. Census Records");
        assertEquals(URI.create("https://records.example.com/1940-census"), paid.url());
        assertEquals(
                "Index and images of the 1940 U.S. federal census. Subscription required.",
                paid.description());
        assertFalse(paid.description().contains("$"));
    }

    @Test
    void searchResultsAreFiledUnderTheirListedInCategory() throws Exception {
        SitePage search = page("search/census.html", "/search/?q=census");

        assertEquals("Search Results", search.title());
        assertEquals("", search.description(), "the result summary is not a description");
        assertTrue(search.categories().isEmpty(), () -> search.categories().toString());
        assertEquals(
                List.of(
                        "1901 Census of Canada",
                        "1940 U.S. Census Records",
                        "New York State Census, 1855-1925",
                        "Census of Ireland 1901 and 1911"),
                each(search.resources(), ListedResource::title));
        assertEquals(
                List.of(
                        "Census » Canada",
                        "Census » United States",
                        "United States » New York",
                        "Ireland & Northern Ireland"),
                each(search.resources(), ListedResource::category));
        assertEquals(
                "Searchable database with digitized images of the 1901 census of Canada.",
                search.resources().get(0).description());
        for (ListedResource result : search.resources()) {
            assertFalse(result.description().contains("Listed in"), result::toString);
            assertFalse(result.description().contains("$"), result::toString);
        }
        assertEquals(
                List.of(false, true, false, false),
                each(search.resources(), ListedResource::feeBased));
        assertEquals(
                URI.create("http://127.0.0.1:8080/search/?q=census&page=2"), search.nextPage());
    }

    @Test
    void lastSearchPageHasNoNextPage() throws Exception {
        SitePage last = page("search/census-2.html", "/search/?q=census&page=2");

        assertNull(last.nextPage(), "rel=prev is not next");
        assertEquals(
                List.of("Census » General Resources", "Military » U.S. Civil War"),
                each(last.resources(), ListedResource::category));
        assertEquals(
                URI.create("https://military-census.example.gov/1890"),
                last.resources().get(1).url());
    }

    @Test
    void emptySearchIsRecognisedAndEmpty() throws Exception {
        SitePage none = page("search/no-results.html", "/search/?q=zzzz");

        assertEquals("Search Results", none.title());
        assertTrue(none.resources().isEmpty());
        assertTrue(none.categories().isEmpty());
        assertTrue(none.relatedCategories().isEmpty());
        assertNull(none.nextPage());
    }

    @Test
    void locationPageListsItsSubLocations() throws Exception {
        SitePage newYork = page("us/ny/index.html", "/us/ny/");

        assertEquals("New York", newYork.title());
        assertEquals(
                List.of(
                        new CategoryLink("Albany County", SITE.resolve("/us/ny/albany/"), 212),
                        new CategoryLink("Kings County", SITE.resolve("/us/ny/kings/"), 480)),
                newYork.categories(),
                "the breadcrumb's United States is not a sub-location");
        assertEquals(5, newYork.resources().size());
        assertEquals("Records", newYork.resources().get(0).category());
        assertTrue(resource(newYork, "Dutch Reformed Church Records of New York").feeBased());
        assertEquals(
                urls("/census/", "/immigration/"),
                each(newYork.relatedCategories(), CategoryLink::url));
    }

    @Test
    void pageWithoutMetaDescriptionIsDescribedByItsFirstParagraph() throws Exception {
        SitePage immigration = page("immigration/index.html", "/immigration/");

        assertEquals(
                "Passenger lists, naturalization records and guides to the journeys our"
                        + " ancestors made.",
                immigration.description());
        assertEquals(
                "Naturalization",
                resource(immigration, "New York Naturalization Records").category());
        assertEquals("de", resource(immigration, "Hamburger Passagierlisten").language());
    }

    @Test
    void locationPageWithoutSectionsHasNoResourceCategory() throws Exception {
        SitePage albany = page("us/ny/albany/index.html", "/us/ny/albany/");

        assertEquals("Albany County, New York", albany.title());
        assertEquals("", albany.description());
        assertNull(albany.resources().get(0).category());
    }

    @Test
    void oldAndOddMarkupStillReads() throws Exception {
        SitePage odds = page("odds-and-ends/index.html", "/odds-and-ends/");

        assertEquals("Odds & Ends", odds.title());
        assertEquals("Things that fit nowhere else.", odds.description());
        assertEquals(
                List.of(
                        new CategoryLink(
                                "Genealogy Humor", SITE.resolve("/odds-and-ends/humor/"), 12),
                        new CategoryLink(
                                "Poems & Verse", SITE.resolve("/odds-and-ends/poems/"), null)),
                odds.categories());
        assertEquals(
                List.of(
                        new CategoryLink(
                                "Cemeteries & Funeral Homes", SITE.resolve("/cemeteries/"), null)),
                odds.relatedCategories());
    }

    @Test
    void oldAndOddMarkupListsEachUsableLinkOnce() throws Exception {
        SitePage odds = page("odds-and-ends/index.html", "/odds-and-ends/");

        assertEquals(
                List.of(
                        new ListedResource(
                                "Strange Deaths in Old Newspapers",
                                URI.create("https://oddities.example.org/"),
                                "Odd obituaries gathered from papers of the 1880s.",
                                "Links",
                                null,
                                false),
                        new ListedResource(
                                "Farmers' Almanac Archive",
                                URI.create("http://almanac.example.net/almanac.html"),
                                "Almanacs from 1818 to 1900, scanned",
                                "Links",
                                null,
                                false),
                        new ListedResource(
                                "Tombstone Tourist",
                                URI.create("http://protocol-relative.example.com/tombstones"),
                                "Photographs of unusual tombstones.",
                                "Links",
                                null,
                                false)),
                odds.resources(),
                "the duplicate, the javascript: link and the image-only link are left out");
    }

    @Test
    void maintenancePageIsRefused() {
        URI address = SITE.resolve("/maintenance/");

        SiteException refused =
                assertThrows(
                        SiteException.class,
                        () -> PageParser.parse(fixture("maintenance/index.html"), address));

        assertEquals(
                address
                        + " is not a page the genealogy tools recognise (no categories or"
                        + " resource links found); Cyndi's List may have changed its layout.",
                refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "%PDF-1.4 \u0000\u0001\u0002 binary junk",
                "{\"error\": \"rate limited\"}",
                "<html><head><title>Cyndi's List</title></head><body><p>Hello</p></body></html>",
                "<html><body><ul><li><a href='https://example.org/'>Untitled</a></li></ul></body>",
                "<title>Kinship</title><h1>Kinship</h1><nav><ul><li><a href='/census/'>Census</a>"
                        + "</li></ul></nav><footer class='no-results'>No results</footer>"
            })
    void pagesWithoutTitleOrListingsAreRefused(String html) {
        SiteException refused =
                assertThrows(SiteException.class, () -> PageParser.parse(html, SITE));

        assertTrue(refused.getMessage().startsWith(SITE + " is not a page"), refused::getMessage);
    }

    @Test
    void furnitureIsIgnoredWhenThePageMarksNoMainContent() throws Exception {
        String html =
                """
                <html><head><title>Kinship | Cyndi's List</title></head><body>
                <header><p>Welcome to the site.</p><ul><li><a href="/about/">About</a></li></ul>
                  <h1>Cyndi's List</h1></header>
                <nav><ul><li><a href="/categories/">Categories</a></li></ul></nav>
                <ol class="breadcrumb-trail"><li><a href="/us/">United States</a></li></ol>
                <form><p>Search the site</p><ul><li><a href="/help/">Help</a></li></ul></form>
                <h2>Kinship</h2>
                <p>Terms for family relationships.</p>
                <ul><li><a href="/kinship/terms/">Terms</a> (7)</li></ul>
                <footer><ul><li><a href="/privacy/">Privacy</a></li>
                  <li><a href="mailto:cyndi@example.org">Contact</a></li></ul></footer>
                </body></html>
                """;

        SitePage kinship = PageParser.parse(html, SITE.resolve("/kinship/"));

        assertEquals("Kinship", kinship.title(), "the header's h1 is the site's, not the page's");
        assertEquals("Terms for family relationships.", kinship.description());
        assertEquals(
                List.of(new CategoryLink("Terms", SITE.resolve("/kinship/terms/"), 7)),
                kinship.categories());
    }

    @Test
    void redesignedClassNamesWithTheSameStructureStillParse() throws Exception {
        String html =
                """
                <!doctype html>
                <html lang="en"><head><title>Census — Cyndi’s List</title></head>
                <body class="page-template">
                <div class="top-bar"><a href="/">Cyndi's List</a></div>
                <div role="main">
                  <nav class="trail"><ul><li><a href="/">Home</a></li></ul></nav>
                  <p>Census records from around the world.</p>
                  <ul class="cat-grid">
                    <li><a href="/census/us/">United States</a> <small>(1,210)</small></li>
                    <li><a href="/census/canada/">Canada</a></li>
                    <li><a href="#top">Back to top</a></li>
                    <li><a href="/census/?p=2">This page</a></li>
                    <li><a href="/search/?q=census">Search census</a></li>
                  </ul>
                  <h3>Records</h3>
                  <table class="site-list">
                    <tr><td><a href="https://census1901.example.ca/">1901 Census of Canada</a></td>
                        <td>Digitized images.</td></tr>
                    <tr lang="fr"><td><a href="https://recensement.example.qc.ca/">Recensement</a>
                        <img src="/i/pay.gif" title="Fee applies"></td><td>Quebec censuses.</td></tr>
                  </table>
                  <div id="sidebar"><h4>See also</h4>
                    <ul><li><a href="/military/">Military</a></li></ul></div>
                  <div class="pager"><a href="/census/?p=1">Previous</a>
                    <a href="/census/?p=3">Next page ›</a></div>
                </div>
                </body></html>
                """;

        SitePage census = PageParser.parse(html, SITE.resolve("/census/?p=2"));

        assertEquals("Census", census.title(), "no h1: the document title without the site");
        assertEquals("Census records from around the world.", census.description());
        assertEquals(
                List.of(
                        new CategoryLink("United States", SITE.resolve("/census/us/"), 1210),
                        new CategoryLink("Canada", SITE.resolve("/census/canada/"), null)),
                census.categories(),
                "the page itself, fragments and search are not categories");
        assertEquals(
                List.of(
                        new ListedResource(
                                "1901 Census of Canada",
                                URI.create("https://census1901.example.ca/"),
                                "Digitized images.",
                                "Records",
                                null,
                                false),
                        new ListedResource(
                                "Recensement",
                                URI.create("https://recensement.example.qc.ca/"),
                                "Quebec censuses.",
                                "Records",
                                "fr",
                                true)),
                census.resources());
        assertEquals(
                List.of(new CategoryLink("Military", SITE.resolve("/military/"), null)),
                census.relatedCategories());
        assertEquals(SITE.resolve("/census/?p=3"), census.nextPage());
    }

    @Test
    void listedInLineIsLeftOutWhereverTheResultPutsIt() throws Exception {
        String html =
                """
                <html><head><title>Search Results | Cyndi's List</title></head><body>
                <div class="hits">
                  <div class="hit"><a href="https://a.example.org/">A</a>
                    <div>Listed in: <a href="/census/canada/">Census &raquo; Canada</a></div>
                    <p>About A.</p></div>
                  <div class="hit"><a href="https://b.example.org/">B</a>
                    &ndash; About B. Listed in: <a href="/ireland/">Ireland</a></div>
                  <div class="hit"><a href="https://c.example.org/">C</a>
                    <a href="https://c-mirror.example.org/">C mirror</a> About C.</div>
                </div>
                <p><a href="/search/?q=x&page=2">Next &raquo;</a></p>
                </body></html>
                """;

        SitePage search = PageParser.parse(html, SITE.resolve("/search/?q=x"));

        assertEquals("Search Results", search.title());
        assertEquals(
                List.of("About A.", "About B.", "C mirror About C.", "C About C."),
                each(search.resources(), ListedResource::description));
        assertEquals(
                Arrays.asList("Census » Canada", "Ireland", null, null),
                each(search.resources(), ListedResource::category));
        assertNull(search.nextPage(), "a Next link outside any pagination block is not trusted");
    }

    @Test
    void linksWithSpacesAndOddHostsResolve() throws Exception {
        String html =
                """
                <html><head><title>Odd Links</title></head><body><main><ul>
                  <li><a href="http://my_site.example.com/old records.html">Underscore Host</a></li>
                  <li><a href="https://b.example.org/a#b#c">Broken Fragment</a></li>
                  <li><a href="HTTPS://C.EXAMPLE.ORG/Ünïcode">Unicode</a></li>
                  <li><a href="mailto:someone@example.org">Write</a></li>
                  <li><a href="http://127.0.0.1:8080/local/">Local</a></li>
                </ul></main></body></html>
                """;

        SitePage page = PageParser.parse(html, SITE.resolve("/odd/"));

        assertEquals(
                List.of(
                        URI.create("http://my_site.example.com/old%20records.html"),
                        URI.create("HTTPS://C.EXAMPLE.ORG/%C3%9Cn%C3%AFcode")),
                each(page.resources(), ListedResource::url),
                "a link too malformed to be an address is left out");
        assertEquals(List.of(SITE.resolve("/local/")), each(page.categories(), CategoryLink::url));
    }
}
