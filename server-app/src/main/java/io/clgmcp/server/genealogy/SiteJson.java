package io.clgmcp.server.genealogy;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.Collection;
import java.util.List;

/**
 * The JSON the genealogy tools answer with, and the schemas that describe it: one place for the
 * shape of a resource and of a category, shared by every tool's output.
 */
final class SiteJson {
    private static final JsonObject DEFINITIONS =
            JsonParser.parseString(
                            """
                            {
                              "resource": {
                                "type": "object",
                                "description": "A genealogy web site as Cyndi's List lists it",
                                "properties": {
                                  "title": {"type": "string"},
                                  "url": {"type": "string"},
                                  "description": {"type": "string"},
                                  "category": {"type": "string", "description": "Where the listing files it"},
                                  "resourceTypes": {
                                    "type": "array",
                                    "items": {"enum": ["census", "vital_records", "military", "immigration",
                                                       "newspapers", "cemeteries", "church_records"]}
                                  },
                                  "years": {
                                    "type": "array",
                                    "description": "Periods the listing mentions",
                                    "items": {
                                      "type": "object",
                                      "properties": {"from": {"type": "integer"}, "to": {"type": "integer"}},
                                      "required": ["from", "to"]
                                    }
                                  },
                                  "language": {"type": "string"},
                                  "isFree": {"type": "boolean"},
                                  "hasDigitalRecords": {"type": "boolean"}
                                },
                                "required": ["title", "url", "description", "resourceTypes", "years",
                                             "language", "isFree", "hasDigitalRecords"]
                              },
                              "category": {
                                "type": "object",
                                "description": "A Cyndi's List category or location page",
                                "properties": {
                                  "name": {"type": "string"},
                                  "url": {"type": "string"},
                                  "path": {"type": "string", "description": "Pass to browse_categories or get_resource_details"},
                                  "count": {"type": "integer", "description": "Links the site says it holds"}
                                },
                                "required": ["name", "url", "path"]
                              }
                            }
                            """)
                    .getAsJsonObject();

    private SiteJson() {}

    /**
     * An output schema of this JSON text, which may refer to {@code #/$defs/resource} and {@code
     * #/$defs/category}; only the definitions it refers to are added.
     */
    static JsonObject outputSchema(String json) {
        JsonObject schema = JsonParser.parseString(json).getAsJsonObject();
        JsonObject definitions = new JsonObject();
        for (String name : DEFINITIONS.keySet()) {
            if (json.contains("\"#/$defs/" + name + "\"")) {
                definitions.add(name, DEFINITIONS.get(name).deepCopy());
            }
        }
        schema.add("$defs", definitions);
        return schema;
    }

    /** The start of an answer about one page: its title, address and path on the site. */
    static JsonObject page(SitePage page, CyndisList site) {
        JsonObject json = new JsonObject();
        json.addProperty("title", page.title());
        json.addProperty("url", page.url().toString());
        json.addProperty("path", site.pathOf(page.url()));
        return json;
    }

    static JsonArray resources(Collection<ResourceFacts> resources) {
        JsonArray array = new JsonArray();
        resources.forEach(facts -> array.add(resource(facts)));
        return array;
    }

    static JsonObject resource(ResourceFacts facts) {
        ListedResource resource = facts.resource();
        JsonObject json = new JsonObject();
        json.addProperty("title", resource.title());
        json.addProperty("url", resource.url().toString());
        json.addProperty("description", resource.description());
        if (resource.category() != null) {
            json.addProperty("category", resource.category());
        }
        JsonArray types = new JsonArray();
        facts.types().stream().sorted().forEach(type -> types.add(type.wireName()));
        json.add("resourceTypes", types);
        JsonArray years = new JsonArray();
        for (YearSpan span : facts.years()) {
            JsonObject year = new JsonObject();
            year.addProperty("from", span.from());
            year.addProperty("to", span.to());
            years.add(year);
        }
        json.add("years", years);
        json.addProperty("language", facts.language());
        json.addProperty("isFree", facts.free());
        json.addProperty("hasDigitalRecords", facts.digitalRecords());
        return json;
    }

    /** Categories, with the count each page shows only when {@code withCounts}. */
    static JsonArray categories(
            List<CategoryLink> categories, CyndisList site, boolean withCounts) {
        JsonArray array = new JsonArray();
        for (CategoryLink category : categories) {
            JsonObject json = new JsonObject();
            json.addProperty("name", category.name());
            json.addProperty("url", category.url().toString());
            json.addProperty("path", site.pathOf(category.url()));
            if (withCounts && category.count() != null) {
                json.addProperty("count", category.count());
            }
            array.add(json);
        }
        return array;
    }
}
