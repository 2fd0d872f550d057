package io.clgmcp.server.genealogy;

import com.google.gson.JsonObject;
import com.google.inject.Inject;
import com.google.inject.Provider;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolContext;
import java.net.URI;

/** {@code browse_categories}: the categories of the home page, or of one category page. */
final class BrowseCategoriesTool implements Provider<Tool> {
    static final String NAME = "browse_categories";

    private final CyndisList site;

    @Inject
    BrowseCategoriesTool(CyndisList site) {
        this.site = site;
    }

    @Override
    public Tool get() {
        return Tool.builder(NAME)
                .title("Browse Cyndi's List categories")
                .description(
                        "Lists the categories of Cyndi's List: the top level, or the"
                                + " sub-categories of parentCategory (a path such as census or"
                                + " us/ny, as the path field of a category gives it). includeCount"
                                + " adds how many links the site says each category holds.")
                .inputSchema(
                        """
                        {
                          "type": "object",
                          "properties": {
                            "parentCategory": {"type": "string", "description": "A category path, e.g. census or us/ny; the top level when left out"},
                            "includeCount": {"type": "boolean", "default": false}
                          }
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
                                    "categories": {"type": "array", "items": {"$ref": "#/$defs/category"}},
                                    "relatedCategories": {"type": "array", "items": {"$ref": "#/$defs/category"}},
                                    "resourceCount": {"type": "integer", "description": "Links listed on this page itself"}
                                  },
                                  "required": ["title", "url", "path", "categories", "relatedCategories", "resourceCount"]
                                }
                                """))
                .handler(context -> ToolRuns.run(() -> browse(context)))
                .build();
    }

    private JsonObject browse(ToolContext context) throws SiteException, InterruptedException {
        Arguments arguments = new Arguments(context.arguments());
        String parent = arguments.text("parentCategory");
        URI url = parent == null ? site.home() : site.page(parent);
        SitePage page = new PageWalk(site, context, 1).read(url);
        boolean withCounts = arguments.flag("includeCount");
        JsonObject result = SiteJson.page(page, site);
        result.add("categories", SiteJson.categories(page.categories(), site, withCounts));
        result.add("relatedCategories", SiteJson.categories(page.relatedCategories(), site, false));
        result.addProperty("resourceCount", page.resources().size());
        return result;
    }
}
