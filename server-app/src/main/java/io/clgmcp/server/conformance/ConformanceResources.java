package io.clgmcp.server.conformance;

import com.google.gson.JsonObject;
import io.clgmcp.core.Completer;
import io.clgmcp.core.Resource;
import io.clgmcp.core.ResourceContents;
import io.clgmcp.core.ResourceTemplate;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import java.util.List;
import java.util.Map;

/** The conformance suite's fixture resources ({@code resources-*} scenarios). */
final class ConformanceResources {
    static final String TEMPLATE = "test://template/{id}/data";

    /** The ids {@code completion/complete} suggests for the template's {@code id}. */
    private static final List<String> SAMPLE_IDS = List.of("1", "2", "3", "42", "123");

    private ConformanceResources() {}

    static List<Resource> resources() {
        return List.of(
                text(
                        "test://static-text",
                        "static-text",
                        "Static Text Resource",
                        "A static text resource for testing",
                        "This is the content of the static text resource."),
                new Resource(
                        "test://static-binary",
                        "static-binary",
                        "Static Binary Resource",
                        "A static binary resource (a 1x1 PNG image) for testing",
                        ConformanceMedia.PNG_MIME_TYPE,
                        uri ->
                                List.of(
                                        ResourceContents.blob(
                                                uri,
                                                ConformanceMedia.PNG_MIME_TYPE,
                                                ConformanceMedia.png()))),
                text(
                        "test://watched-resource",
                        "watched-resource",
                        "Watched Resource",
                        "A resource clients may subscribe to",
                        "Watched resource content"));
    }

    static List<ResourceTemplate> templates() {
        Completer ids =
                (value, context) -> SAMPLE_IDS.stream().filter(id -> id.startsWith(value)).toList();
        return List.of(
                new ResourceTemplate(
                        TEMPLATE,
                        "template",
                        "Resource Template",
                        "A resource template with parameter substitution",
                        "application/json",
                        (uri, variables) -> List.of(templateData(uri, variables.get("id"))),
                        Map.of("id", ids)));
    }

    /** {@code {"id":"<id>","templateTest":true,"data":"Data for ID: <id>"}} as JSON text. */
    private static ResourceContents templateData(String uri, String id) {
        JsonObject data = new JsonObject();
        data.addProperty("id", id);
        data.addProperty("templateTest", true);
        data.addProperty("data", "Data for ID: " + id);
        return ResourceContents.text(uri, "application/json", JsonRpcCodec.toText(data));
    }

    private static Resource text(
            String uri, String name, String title, String description, String text) {
        return new Resource(
                uri,
                name,
                title,
                description,
                "text/plain",
                read -> List.of(ResourceContents.text(read, "text/plain", text)));
    }
}
