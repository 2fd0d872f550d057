package io.clgmcp.server.genealogy;

import com.google.gson.JsonObject;
import com.google.inject.Inject;
import com.google.inject.Provider;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code filter_resources}: the links of several category and location pages combined, kept when
 * they belong to every kind of page asked for and pass the language, cost and online-records tests.
 */
final class FilterResourcesTool implements Provider<Tool> {
    static final String NAME = "filter_resources";

    /** Category and location pages read at most for one call. */
    static final int MAX_PAGES = 10;

    static final int MAX_RETURNED = 100;
    private static final Pattern NAME_JOINS = Pattern.compile(" & | and ");

    private final CyndisList site;

    @Inject
    FilterResourcesTool(CyndisList site) {
        this.site = site;
    }

    @Override
    public Tool get() {
        return Tool.builder(NAME)
                .title("Filter genealogy resources")
                .description(
                        "Combines the links of Cyndi's List category pages (categories, paths such"
                                + " as census or military) and location pages (locations, paths such"
                                + " as us/ny or ireland) and keeps those that belong to one of the"
                                + " categories and one of the locations: listed on its page, or naming"
                                + " it. languages (English names or codes such as de; unmarked"
                                + " listings count as English), freeOnly (drops sites marked or"
                                + " described as fee-based) and hasDigitalRecords (keeps listings that"
                                + " speak of databases, images, indexes or transcriptions) narrow"
                                + " further. Reads at most "
                                + MAX_PAGES
                                + " pages, reporting progress; returns at most "
                                + MAX_RETURNED
                                + " resources.")
                .inputSchema(
                        """
                        {
                          "type": "object",
                          "properties": {
                            "categories": {"type": "array", "items": {"type": "string"}, "description": "Category paths, e.g. census"},
                            "locations": {"type": "array", "items": {"type": "string"}, "description": "Location paths, e.g. us/ny or ireland"},
                            "languages": {"type": "array", "items": {"type": "string"}, "description": "e.g. English, German or de"},
                            "freeOnly": {"type": "boolean", "default": false},
                            "hasDigitalRecords": {"type": "boolean", "default": false}
                          }
                        }
                        """)
                .outputSchema(
                        SiteJson.outputSchema(
                                """
                                {
                                  "type": "object",
                                  "properties": {
                                    "resources": {"type": "array", "items": {"$ref": "#/$defs/resource"}},
                                    "returned": {"type": "integer"},
                                    "totalCount": {"type": "integer", "description": "Every resource that passed the filters"},
                                    "pagesRead": {"type": "array", "items": {"$ref": "#/$defs/category"}}
                                  },
                                  "required": ["resources", "returned", "totalCount", "pagesRead"]
                                }
                                """))
                .handler(context -> ToolRuns.run(() -> filter(context)))
                .build();
    }

    private JsonObject filter(ToolContext context) throws SiteException, InterruptedException {
        Arguments arguments = new Arguments(context.arguments());
        List<URI> categoryUrls = urls(arguments.texts("categories"));
        List<URI> locationUrls = urls(arguments.texts("locations"));
        int pageCount = categoryUrls.size() + locationUrls.size();
        if (pageCount == 0) {
            throw new IllegalArgumentException(
                    "Give at least one category or location to filter, as a path such as census"
                            + " or us/ny (browse_categories lists them).");
        }
        if (pageCount > MAX_PAGES) {
            throw new IllegalArgumentException(
                    "Give at most " + MAX_PAGES + " categories and locations together.");
        }
        PageWalk walk = new PageWalk(site, context, pageCount);
        List<SitePage> categoryPages = readAll(categoryUrls, walk);
        List<SitePage> locationPages = readAll(locationUrls, walk);
        Criteria criteria =
                new Criteria(
                        categoryPages,
                        locationPages,
                        arguments.texts("languages"),
                        arguments.flag("freeOnly"),
                        arguments.flag("hasDigitalRecords"));
        List<ResourceFacts> kept = new ArrayList<>();
        for (Listing listing : listings(categoryPages, locationPages)) {
            if (criteria.keeps(listing)) {
                kept.add(listing.facts());
            }
        }
        List<ResourceFacts> returned = kept.subList(0, Math.min(MAX_RETURNED, kept.size()));
        JsonObject result = new JsonObject();
        result.add("resources", SiteJson.resources(returned));
        result.addProperty("returned", returned.size());
        result.addProperty("totalCount", kept.size());
        List<CategoryLink> pagesRead =
                concat(categoryPages, locationPages).stream()
                        .map(page -> new CategoryLink(page.title(), page.url(), null))
                        .toList();
        result.add("pagesRead", SiteJson.categories(pagesRead, site, false));
        return result;
    }

    private List<URI> urls(List<String> paths) throws SiteException {
        List<URI> urls = new ArrayList<>();
        for (String path : paths) {
            urls.add(site.page(path));
        }
        return urls;
    }

    private static List<SitePage> readAll(List<URI> urls, PageWalk walk)
            throws SiteException, InterruptedException {
        List<SitePage> pages = new ArrayList<>();
        for (URI url : urls) {
            pages.add(walk.read(url));
        }
        return pages;
    }

    /** Every resource of these pages once, with the pages that list it. */
    private static List<Listing> listings(
            List<SitePage> categoryPages, List<SitePage> locationPages) {
        Map<URI, Listing> listings = new LinkedHashMap<>();
        for (SitePage page : concat(categoryPages, locationPages)) {
            for (ListedResource resource : page.resources()) {
                listings.computeIfAbsent(
                                resource.url(),
                                url ->
                                        new Listing(
                                                ResourceFacts.of(resource, page.title()),
                                                new HashSet<>()))
                        .pages()
                        .add(page.url());
            }
        }
        return List.copyOf(listings.values());
    }

    private static List<SitePage> concat(List<SitePage> first, List<SitePage> second) {
        List<SitePage> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** One resource and the addresses of the pages listing it. */
    private record Listing(ResourceFacts facts, Set<URI> pages) {
        /** Whether the resource is listed on this page or names what the page is about. */
        boolean belongsTo(SitePage page) {
            if (pages.contains(page.url())) {
                return true;
            }
            for (String name : NAME_JOINS.split(page.title())) {
                if (!name.isBlank() && facts.mentions(name)) {
                    return true;
                }
            }
            return false;
        }
    }

    private record Criteria(
            List<SitePage> categories,
            List<SitePage> locations,
            List<String> languages,
            boolean freeOnly,
            boolean digitalRecordsOnly) {
        boolean keeps(Listing listing) {
            ResourceFacts facts = listing.facts();
            return (categories.isEmpty() || categories.stream().anyMatch(listing::belongsTo))
                    && (locations.isEmpty() || locations.stream().anyMatch(listing::belongsTo))
                    && (languages.isEmpty() || facts.inAnyOf(languages))
                    && (!freeOnly || facts.free())
                    && (!digitalRecordsOnly || facts.digitalRecords());
        }
    }
}
