package io.clgmcp.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.McpException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The prompts a server offers, their listing, and the argument checks before one is filled. */
final class PromptRegistry {
    private final Map<String, Prompt> byName = new LinkedHashMap<>();
    private final Listing listing;

    /**
     * @throws IllegalArgumentException naming every repeated prompt name
     */
    PromptRegistry(Collection<Prompt> prompts, int pageSize) {
        TreeSet<String> duplicates = new TreeSet<>();
        List<JsonObject> descriptors = new ArrayList<>();
        for (Prompt prompt : prompts) {
            if (byName.putIfAbsent(prompt.name(), prompt) != null) {
                duplicates.add(prompt.name());
            } else {
                descriptors.add(describe(prompt));
            }
        }
        if (!duplicates.isEmpty()) {
            throw new IllegalArgumentException(
                    "the prompt registry cannot start: more than one prompt is named "
                            + String.join(", ", duplicates));
        }
        this.listing = new Listing("prompts", descriptors, pageSize);
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    JsonObject list(String cursor) {
        return listing.page(cursor);
    }

    Optional<Prompt> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The prompt of that name, or an INVALID_PARAMS failure naming it. */
    Prompt require(String name) {
        return find(name)
                .orElseThrow(
                        () ->
                                new McpException(
                                        ErrorCode.INVALID_PARAMS, "unknown prompt: " + name));
    }

    /** The {@code prompts/get} result, once the arguments pass the prompt's declarations. */
    JsonObject get(Prompt prompt, Map<String, String> arguments) {
        List<String> problems = problems(prompt, arguments);
        if (!problems.isEmpty()) {
            throw new McpException(
                    ErrorCode.INVALID_PARAMS,
                    "invalid arguments for prompt "
                            + prompt.name()
                            + ": "
                            + String.join("; ", problems));
        }
        Prompt.Result filled;
        try {
            filled = prompt.handler().get(Map.copyOf(arguments));
        } catch (McpException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new McpException(
                    ErrorCode.INTERNAL_ERROR, "prompt " + prompt.name() + " was stopped");
        } catch (Exception e) {
            throw new McpException(
                    ErrorCode.INTERNAL_ERROR,
                    "prompt " + prompt.name() + " failed: " + e.getMessage());
        }
        JsonObject result = new JsonObject();
        ContentJson.addIfPresent(result, "description", filled.description());
        JsonArray messages = new JsonArray();
        for (Prompt.Message message : filled.messages()) {
            JsonObject json = new JsonObject();
            json.addProperty("role", message.role().wireName());
            json.add("content", ContentJson.block(message.content()));
            messages.add(json);
        }
        result.add("messages", messages);
        return result;
    }

    private static List<String> problems(Prompt prompt, Map<String, String> arguments) {
        List<String> problems = new ArrayList<>();
        List<String> declared = new ArrayList<>();
        for (Prompt.Argument argument : prompt.arguments()) {
            declared.add(argument.name());
            if (argument.required() && !arguments.containsKey(argument.name())) {
                problems.add("missing required argument \"" + argument.name() + "\"");
            }
        }
        for (String given : new TreeSet<>(arguments.keySet())) {
            if (!declared.contains(given)) {
                problems.add("unknown argument \"" + given + "\"");
            }
        }
        return problems;
    }

    private static JsonObject describe(Prompt prompt) {
        JsonObject json = new JsonObject();
        json.addProperty("name", prompt.name());
        ContentJson.addIfPresent(json, "title", prompt.title());
        ContentJson.addIfPresent(json, "description", prompt.description());
        if (!prompt.arguments().isEmpty()) {
            JsonArray arguments = new JsonArray();
            for (Prompt.Argument argument : prompt.arguments()) {
                JsonObject declared = new JsonObject();
                declared.addProperty("name", argument.name());
                ContentJson.addIfPresent(declared, "description", argument.description());
                declared.addProperty("required", argument.required());
                arguments.add(declared);
            }
            json.add("arguments", arguments);
        }
        return json;
    }
}
