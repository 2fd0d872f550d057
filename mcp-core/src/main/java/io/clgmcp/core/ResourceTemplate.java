package io.clgmcp.core;

import java.util.List;
import java.util.Map;

/**
 * A family of resources named by a URI template ({@code test://template/{id}/data}): listed by
 * {@code resources/templates/list}, read through {@code resources/read} with any URI it matches.
 * Only simple {@code {name}} expressions are understood; each matches one non-empty path segment.
 *
 * @param completions suggests values for a template variable, by variable name, for {@code
 *     completion/complete}
 */
public record ResourceTemplate(
        String uriTemplate,
        String name,
        String title,
        String description,
        String mimeType,
        Reader reader,
        Map<String, Completer> completions) {
    public ResourceTemplate {
        if (uriTemplate == null || name == null || reader == null) {
            throw new IllegalArgumentException(
                    "a resource template needs a uriTemplate, a name and a reader");
        }
        completions = completions == null ? Map.of() : Map.copyOf(completions);
    }

    /** Produces the contents of the resource a URI names, given the template's variables. */
    @FunctionalInterface
    public interface Reader {
        /**
         * @param variables the value of each template variable in the URI
         * @throws io.clgmcp.core.jsonrpc.McpException to answer with a particular error
         */
        List<ResourceContents> read(String uri, Map<String, String> variables) throws Exception;
    }
}
