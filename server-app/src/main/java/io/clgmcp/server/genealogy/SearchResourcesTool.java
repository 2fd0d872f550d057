package io.clgmcp.server.genealogy;

import com.google.gson.JsonObject;
import com.google.inject.Inject;
import com.google.inject.Provider;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolContext;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code search_genealogy_resources}: the site's search, narrowed by place, period and kind of
 * record, reading further result pages until enough matches are found.
 */
final class SearchResourcesTool implements Provider<Tool> {
    static final String NAME = "search_genealogy_resources";
    static final int DEFAULT_MAX_RESULTS = 20;
    static final int MAX_RESULTS = 50;

    /**
     * Result pages read at most for one call, so that a narrow filter cannot walk the whole site.
     */
    static final int MAX_PAGES = 5;

    private final CyndisList site;

    @Inject
    SearchResourcesTool(CyndisList site) {
        this.site = site;
    }

    @Override
    public Tool get() {
        return Tool.builder(NAME)
                .title("Search genealogy resources")
                .description(
                        "Searches Cyndi's List for genealogy web sites matching the words of query"
                                + " (a surname, a place, a kind of record). location keeps results"
                                + " whose listing names that place; timePeriod keeps results whose"
                                + " listing mentions a year in the period; resourceType keeps one kind"
                                + " of record. Reads up to "
                                + MAX_PAGES
                                + " pages of results; totalCount counts the matches on the pages"
                                + " read, and complete says whether every page was read.")
                .inputSchema(
                        """
                        {
                          "type": "object",
                          "properties": {
                            "query": {"type": "string", "minLength": 1, "description": "Words to search for"},
                            "location": {"type": "string", "description": "A place the listing must name, e.g. Ireland or New York"},
                            "timePeriod": {
                              "type": "object",
                              "description": "Years the listing must speak of; either end may be left out",
                              "properties": {"start": {"type": "number"}, "end": {"type": "number"}}
                            },
                            "resourceType": {
                              "type": "string",
                              "enum": ["census", "vital_records", "military", "immigration", "newspapers",
                                       "cemeteries", "church_records", "all"],
                              "default": "all"
                            },
                            "maxResults": {"type": "number", "minimum": 1, "maximum": 50, "default": 20}
                          },
                          "required": ["query"]
                        }
                        """)
                .outputSchema(
                        SiteJson.outputSchema(
                                """
                                {
                                  "type": "object",
                                  "properties": {
                                    "query": {"type": "string"},
                                    "searchUrl": {"type": "string"},
                                    "resources": {"type": "array", "items": {"$ref": "#/$defs/resource"}},
                                    "returned": {"type": "integer"},
                                    "totalCount": {"type": "integer", "description": "Matches on the pages read"},
                                    "hasMore": {"type": "boolean", "description": "Whether more matches were found than returned, or result pages were left unread"},
                                    "pagesSearched": {"type": "integer"},
                                    "complete": {"type": "boolean", "description": "Whether every result page was read"}
                                  },
                                  "required": ["query", "searchUrl", "resources", "returned", "totalCount",
                                               "hasMore", "pagesSearched", "complete"]
                                }
                                """))
                .handler(context -> ToolRuns.run(() -> search(context)))
                .build();
    }

    private JsonObject search(ToolContext context) throws SiteException, InterruptedException {
        Arguments arguments = new Arguments(context.arguments());
        String query = arguments.text("query");
        if (query == null) {
            throw new IllegalArgumentException("query must name something to search for.");
        }
        SearchFilter filter = SearchFilter.of(arguments);
        Integer asked = arguments.number("maxResults");
        int maxResults = asked == null ? DEFAULT_MAX_RESULTS : Math.min(asked, MAX_RESULTS);
        URI searchUrl = site.search(query);
        PageWalk walk = new PageWalk(site, context, null);
        Map<URI, ResourceFacts> matches = new LinkedHashMap<>();
        URI next = searchUrl;
        while (next != null && walk.pagesRead() < MAX_PAGES && matches.size() <= maxResults) {
            SitePage page = walk.read(next);
            for (ListedResource resource : page.resources()) {
                ResourceFacts facts = ResourceFacts.of(resource, "");
                if (filter.accepts(facts)) {
                    matches.putIfAbsent(resource.url(), facts);
                }
            }
            next = page.nextPage();
        }
        List<ResourceFacts> returned = matches.values().stream().limit(maxResults).toList();
        JsonObject result = new JsonObject();
        result.addProperty("query", query);
        result.addProperty("searchUrl", searchUrl.toString());
        result.add("resources", SiteJson.resources(returned));
        result.addProperty("returned", returned.size());
        result.addProperty("totalCount", matches.size());
        result.addProperty("hasMore", matches.size() > returned.size() || next != null);
        result.addProperty("pagesSearched", walk.pagesRead());
        result.addProperty("complete", next == null);
        return result;
    }
}
