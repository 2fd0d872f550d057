package io.clgmcp.server.genealogy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.inject.Inject;
import com.google.inject.Provider;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolContext;
import java.net.URI;
import java.util.List;

/**
 * {@code get_resource_details}: one Cyndi's List page in full (its title, description, links and
 * categories) and, when asked, a summary of each related category page.
 */
final class ResourceDetailsTool implements Provider<Tool> {
    static final String NAME = "get_resource_details";

    /** Related pages read at most for one call. */
    static final int MAX_RELATED = 10;

    private final CyndisList site;

    @Inject
    ResourceDetailsTool(CyndisList site) {
        this.site = site;
    }

    @Override
    public Tool get() {
        return Tool.builder(NAME)
                .title("Get a Cyndi's List page's details")
                .description(
                        "Reads one Cyndi's List page, named by resourceId: a path such as census or"
                                + " us/ny, or a URL on Cyndi's List. Returns its title,"
                                + " description, the genealogy sites it links to, its"
                                + " sub-categories and related categories. includeRelated also"
                                + " reads up to "
                                + MAX_RELATED
                                + " related category pages and summarises each (reporting"
                                + " progress).")
                .inputSchema(
                        """
                        {
                          "type": "object",
                          "properties": {
                            "resourceId": {"type": "string", "minLength": 1, "description": "A Cyndi's List path or URL"},
                            "includeRelated": {"type": "boolean", "default": false}
                          },
                          "required": ["resourceId"]
                        }
                        """)
                .outputSchema(
                        SiteJson.outputSchema(
                                """
                                {
                                  "type": "object",
                                  "properties": {
                                    "title": {"type": "string"},
                                    "url": {"type": "string"},
                                    "path": {"type": "string"},
                                    "description": {"type": "string"},
                                    "links": {"type": "array", "items": {"$ref": "#/$defs/resource"}},
                                    "categories": {"type": "array", "items": {"$ref": "#/$defs/category"}},
                                    "relatedCategories": {"type": "array", "items": {"$ref": "#/$defs/category"}},
                                    "related": {
                                      "type": "array",
                                      "description": "Each related page read, or why it could not be",
                                      "items": {
                                        "type": "object",
                                        "properties": {
                                          "name": {"type": "string"},
                                          "url": {"type": "string"},
                                          "title": {"type": "string"},
                                          "description": {"type": "string"},
                                          "linkCount": {"type": "integer"},
                                          "categoryCount": {"type": "integer"},
                                          "error": {"type": "string"}
                                        },
                                        "required": ["name", "url"]
                                      }
                                    }
                                  },
                                  "required": ["title", "url", "path", "description", "links", "categories",
                                               "relatedCategories"]
                                }
                                """))
                .handler(context -> ToolRuns.run(() -> details(context)))
                .build();
    }

    private JsonObject details(ToolContext context) throws SiteException, InterruptedException {
        Arguments arguments = new Arguments(context.arguments());
        String id = arguments.text("resourceId");
        if (id == null) {
            throw new IllegalArgumentException("resourceId must name a Cyndi's List page.");
        }
        boolean withRelated = arguments.flag("includeRelated");
        URI url = site.page(id);
        PageWalk walk = new PageWalk(site, context, withRelated ? null : 1);
        SitePage page = walk.read(url);
        List<CategoryLink> related =
                page.relatedCategories()
                        .subList(0, Math.min(MAX_RELATED, page.relatedCategories().size()));
        JsonObject result = SiteJson.page(page, site);
        result.addProperty("description", page.description());
        result.add(
                "links",
                SiteJson.resources(
                        page.resources().stream()
                                .map(resource -> ResourceFacts.of(resource, page.title()))
                                .toList()));
        result.add("categories", SiteJson.categories(page.categories(), site, true));
        result.add("relatedCategories", SiteJson.categories(page.relatedCategories(), site, false));
        if (withRelated) {
            walk.expect(1 + related.size());
            result.add("related", summaries(related, walk));
        }
        return result;
    }

    /**
     * A summary of each related page; one that cannot be read says why in its own entry rather than
     * failing the whole call.
     */
    private static JsonArray summaries(List<CategoryLink> related, PageWalk walk)
            throws InterruptedException {
        JsonArray summaries = new JsonArray();
        for (CategoryLink category : related) {
            JsonObject summary = new JsonObject();
            summary.addProperty("name", category.name());
            summary.addProperty("url", category.url().toString());
            try {
                SitePage page = walk.read(category.url());
                summary.addProperty("title", page.title());
                summary.addProperty("description", page.description());
                summary.addProperty("linkCount", page.resources().size());
                summary.addProperty("categoryCount", page.categories().size());
            } catch (SiteException e) {
                summary.addProperty("error", e.getMessage());
            }
            summaries.add(summary);
        }
        return summaries;
    }
}
