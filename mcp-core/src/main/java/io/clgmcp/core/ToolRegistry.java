package io.clgmcp.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.clgmcp.core.internal.SchemaValidator;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.McpException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The tools a server offers, their descriptors as listed, and their compiled schemas. */
final class ToolRegistry {
    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final SchemaValidator validator;
    private final Listing listing;

    /**
     * @throws IllegalArgumentException naming every duplicate tool name and every invalid schema
     */
    ToolRegistry(Collection<Tool> tools, SchemaValidator validator, int pageSize) {
        this.validator = validator;
        List<JsonObject> descriptors = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        TreeSet<String> duplicates = new TreeSet<>();
        for (Tool tool : tools) {
            if (byName.containsKey(tool.name())) {
                duplicates.add(tool.name());
                continue;
            }
            try {
                byName.put(tool.name(), compile(tool));
                descriptors.add(describe(tool));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!duplicates.isEmpty()) {
            problems.add(0, "more than one tool is named " + String.join(", ", duplicates));
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(
                    "the tool registry cannot start: " + String.join("; ", problems));
        }
        this.listing = new Listing("tools", descriptors, pageSize);
    }

    /** The tool of that name, or an INVALID_PARAMS failure naming it. */
    Entry find(String name) {
        Entry entry = byName.get(name);
        if (entry == null) {
            throw new McpException(ErrorCode.INVALID_PARAMS, "unknown tool: " + name);
        }
        return entry;
    }

    List<Tool> tools() {
        return byName.values().stream().map(Entry::tool).toList();
    }

    /** The {@code tools/list} result for the page a cursor names (the first page without one). */
    JsonObject list(String cursor) {
        return listing.page(cursor);
    }

    private Entry compile(Tool tool) {
        URI input = validator.register(tool.name() + ":input", tool.inputSchema());
        URI output =
                tool.outputSchema() == null
                        ? null
                        : validator.register(tool.name() + ":output", tool.outputSchema());
        return new Entry(tool, input, output, validator);
    }

    private static JsonObject describe(Tool tool) {
        JsonObject descriptor = new JsonObject();
        descriptor.addProperty("name", tool.name());
        if (tool.title() != null) {
            descriptor.addProperty("title", tool.title());
        }
        descriptor.addProperty("description", tool.description());
        descriptor.add("inputSchema", tool.inputSchema());
        if (tool.outputSchema() != null) {
            descriptor.add("outputSchema", tool.outputSchema());
        }
        return descriptor;
    }

    /** A registered tool with its compiled schemas. */
    record Entry(Tool tool, URI inputSchema, URI outputSchema, SchemaValidator validator) {
        /** What is wrong with a call's arguments, one line a problem; empty when valid. */
        List<String> argumentProblems(JsonObject arguments) {
            return validator.problems(inputSchema, arguments);
        }

        /** What is wrong with a result's structured content; empty when valid or unchecked. */
        List<String> outputProblems(JsonElement structuredContent) {
            if (outputSchema == null) {
                return List.of();
            }
            if (structuredContent == null) {
                return List.of(
                        "(root): the tool declares an output schema but gave no structuredContent");
            }
            return validator.problems(outputSchema, structuredContent);
        }
    }
}
