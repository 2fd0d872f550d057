package io.clgmcp.server.genealogy;

import com.google.gson.JsonObject;
import com.google.inject.Inject;
import com.google.inject.Provider;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code get_location_resources}: the location page {@code /country/state/county/city/} with the
 * resources it lists and the places below it.
 */
final class LocationResourcesTool implements Provider<Tool> {
    static final String NAME = "get_location_resources";
    static final int MAX_RETURNED = 100;
    private static final List<String> PARTS = List.of("country", "state", "county", "city");

    private final CyndisList site;

    @Inject
    LocationResourcesTool(CyndisList site) {
        this.site = site;
    }

    @Override
    public Tool get() {
        return Tool.builder(NAME)
                .title("Get resources for a place")
                .description(
                        "Reads the Cyndi's List page of a place, /country/state/county/city/ as the"
                                + " site names them (e.g. country us, state ny, county albany), and"
                                + " lists its genealogy resources (at most "
                                + MAX_RETURNED
                                + ") and the places below it.")
                .inputSchema(
                        """
                        {
                          "type": "object",
                          "properties": {
                            "country": {"type": "string", "minLength": 1, "description": "e.g. us, canada, ireland"},
                            "state": {"type": "string", "description": "e.g. ny"},
                            "county": {"type": "string"},
                            "city": {"type": "string"}
                          },
                          "required": ["country"]
                        }
                        """)
                .outputSchema(
                        SiteJson.outputSchema(
                                """
                                {
                                  "type": "object",
                                  "properties": {
                                    "location": {
                                      "type": "object",
                                      "properties": {
                                        "country": {"type": "string"},
                                        "state": {"type": "string"},
                                        "county": {"type": "string"},
                                        "city": {"type": "string"}
                                      },
                                      "required": ["country"]
                                    },
                                    "title": {"type": "string"},
                                    "url": {"type": "string"},
                                    "path": {"type": "string"},
                                    "description": {"type": "string"},
                                    "resources": {"type": "array", "items": {"$ref": "#/$defs/resource"}},
                                    "returned": {"type": "integer"},
                                    "totalCount": {"type": "integer"},
                                    "subLocations": {"type": "array", "items": {"$ref": "#/$defs/category"}},
                                    "relatedCategories": {"type": "array", "items": {"$ref": "#/$defs/category"}}
                                  },
                                  "required": ["location", "title", "url", "path", "description", "resources",
                                               "returned", "totalCount", "subLocations", "relatedCategories"]
                                }
                                """))
                .handler(context -> ToolRuns.run(() -> location(context)))
                .build();
    }

    private JsonObject location(ToolContext context) throws SiteException, InterruptedException {
        Arguments arguments = new Arguments(context.arguments());
        JsonObject location = new JsonObject();
        List<String> parts = new ArrayList<>();
        for (String part : PARTS) {
            String value = arguments.text(part);
            if (value != null) {
                location.addProperty(part, value);
                parts.add(value);
            }
        }
        if (!location.has("country")) {
            throw new IllegalArgumentException("country must name a country, such as us.");
        }
        SitePage page = new PageWalk(site, context, 1).read(site.location(parts));
        List<ResourceFacts> resources =
                page.resources().stream()
                        .map(resource -> ResourceFacts.of(resource, page.title()))
                        .toList();
        List<ResourceFacts> returned =
                resources.subList(0, Math.min(MAX_RETURNED, resources.size()));
        JsonObject result = SiteJson.page(page, site);
        result.add("location", location);
        result.addProperty("description", page.description());
        result.add("resources", SiteJson.resources(returned));
        result.addProperty("returned", returned.size());
        result.addProperty("totalCount", resources.size());
        result.add("subLocations", SiteJson.categories(page.categories(), site, true));
        result.add("relatedCategories", SiteJson.categories(page.relatedCategories(), site, false));
        return result;
    }
}
