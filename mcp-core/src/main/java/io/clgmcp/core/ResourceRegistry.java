package io.clgmcp.core;

import com.google.gson.JsonObject;
import io.clgmcp.core.internal.UriTemplate;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.McpException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The resources and resource templates a server offers: their listings, and which reader answers a
 * URI (a fixed resource first, then the first template that matches).
 */
final class ResourceRegistry {
    private final Map<String, Resource> byUri = new LinkedHashMap<>();
    private final List<Template> templates = new ArrayList<>();
    private final Listing resourceListing;
    private final Listing templateListing;

    /**
     * @throws IllegalArgumentException naming every repeated URI and every template it cannot parse
     */
    ResourceRegistry(
            Collection<Resource> resources,
            Collection<ResourceTemplate> resourceTemplates,
            int pageSize) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> duplicates = new TreeSet<>();
        List<JsonObject> resourceDescriptors = new ArrayList<>();
        for (Resource resource : resources) {
            if (byUri.putIfAbsent(resource.uri(), resource) != null) {
                duplicates.add(resource.uri());
            } else {
                resourceDescriptors.add(describe(resource));
            }
        }
        if (!duplicates.isEmpty()) {
            problems.add("more than one resource has the URI " + String.join(", ", duplicates));
        }
        List<JsonObject> templateDescriptors = new ArrayList<>();
        TreeSet<String> repeatedTemplates = new TreeSet<>();
        for (ResourceTemplate template : resourceTemplates) {
            if (template(template.uriTemplate()).isPresent()) {
                repeatedTemplates.add(template.uriTemplate());
                continue;
            }
            try {
                templates.add(new Template(template, UriTemplate.parse(template.uriTemplate())));
                templateDescriptors.add(describe(template));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!repeatedTemplates.isEmpty()) {
            problems.add(
                    "more than one resource template is " + String.join(", ", repeatedTemplates));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "the resource registry cannot start: " + String.join("; ", problems));
        }
        this.resourceListing = new Listing("resources", resourceDescriptors, pageSize);
        this.templateListing = new Listing("resourceTemplates", templateDescriptors, pageSize);
    }

    boolean isEmpty() {
        return byUri.isEmpty() && templates.isEmpty();
    }

    JsonObject list(String cursor) {
        return resourceListing.page(cursor);
    }

    JsonObject listTemplates(String cursor) {
        return templateListing.page(cursor);
    }

    /** The {@code resources/read} result for a URI. */
    JsonObject read(String uri) {
        List<ResourceContents> contents;
        try {
            contents = readerFor(uri).read();
        } catch (McpException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpException(ErrorCode.INTERNAL_ERROR, "reading " + uri + " was stopped");
        } catch (Exception e) {
            throw new McpException(
                    ErrorCode.INTERNAL_ERROR, "reading " + uri + " failed: " + e.getMessage());
        }
        JsonObject result = new JsonObject();
        result.add("contents", ContentJson.contents(contents));
        return result;
    }

    /** Whether some resource or template answers the URI. */
    boolean knows(String uri) {
        return byUri.containsKey(uri) || templates.stream().anyMatch(t -> t.matches(uri));
    }

    /** The template with that URI template text. */
    Optional<ResourceTemplate> template(String uriTemplate) {
        return templates.stream()
                .map(Template::template)
                .filter(t -> t.uriTemplate().equals(uriTemplate))
                .findFirst();
    }

    private Read readerFor(String uri) {
        Resource resource = byUri.get(uri);
        if (resource != null) {
            return () -> resource.reader().read(uri);
        }
        for (Template template : templates) {
            Optional<Map<String, String>> variables = template.uriTemplate().match(uri);
            if (variables.isPresent()) {
                return () -> template.template().reader().read(uri, variables.get());
            }
        }
        throw notFound(uri);
    }

    static McpException notFound(String uri) {
        JsonObject data = new JsonObject();
        data.addProperty("uri", uri);
        return new McpException(ErrorCode.RESOURCE_NOT_FOUND, uri, data);
    }

    private static JsonObject describe(Resource resource) {
        JsonObject json = new JsonObject();
        json.addProperty("uri", resource.uri());
        describeCommon(
                json,
                resource.name(),
                resource.title(),
                resource.description(),
                resource.mimeType());
        return json;
    }

    private static JsonObject describe(ResourceTemplate template) {
        JsonObject json = new JsonObject();
        json.addProperty("uriTemplate", template.uriTemplate());
        describeCommon(
                json,
                template.name(),
                template.title(),
                template.description(),
                template.mimeType());
        return json;
    }

    private static void describeCommon(
            JsonObject json, String name, String title, String description, String mimeType) {
        json.addProperty("name", name);
        ContentJson.addIfPresent(json, "title", title);
        ContentJson.addIfPresent(json, "description", description);
        ContentJson.addIfPresent(json, "mimeType", mimeType);
    }

    @FunctionalInterface
    private interface Read {
        List<ResourceContents> read() throws Exception;
    }

    private record Template(ResourceTemplate template, UriTemplate uriTemplate) {
        boolean matches(String uri) {
            return uriTemplate.match(uri).isPresent();
        }
    }
}
