package io.clgmcp.core;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.McpException;
import java.util.List;
import java.util.Map;

/**
 * {@code completion/complete}: suggestions for a prompt argument or a resource template variable,
 * from the {@link Completer} registered for it; none when there is no completer.
 */
final class Completions {
    private static final String METHOD = "completion/complete";
    private static final int MAX_VALUES = 100;

    private final PromptRegistry prompts;
    private final ResourceRegistry resources;

    Completions(PromptRegistry prompts, ResourceRegistry resources) {
        this.prompts = prompts;
        this.resources = resources;
    }

    JsonObject complete(JsonObject params) {
        JsonObject ref = Params.requireObject(params, "ref", METHOD);
        JsonObject argument = Params.requireObject(params, "argument", METHOD);
        String name = Params.requireString(argument, "name", METHOD + " argument");
        String value = Params.requireString(argument, "value", METHOD + " argument");
        Map<String, String> context =
                params.get("context") instanceof JsonObject given
                        ? Params.stringMap(given, "arguments")
                        : Map.of();
        Completer completer = completerFor(ref, name);
        List<String> values = completer == null ? List.of() : completer.complete(value, context);
        return result(values);
    }

    private Completer completerFor(JsonObject ref, String argument) {
        String type = Params.requireString(ref, "type", METHOD + " ref");
        switch (type) {
            case "ref/prompt" -> {
                Prompt prompt = prompts.require(Params.requireString(ref, "name", METHOD + " ref"));
                return prompt.arguments().stream()
                        .filter(declared -> declared.name().equals(argument))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new McpException(
                                                ErrorCode.INVALID_PARAMS,
                                                "prompt "
                                                        + prompt.name()
                                                        + " has no argument "
                                                        + argument))
                        .completer();
            }
            case "ref/resource" -> {
                String uri = Params.requireString(ref, "uri", METHOD + " ref");
                ResourceTemplate template =
                        resources.template(uri).orElseThrow(() -> ResourceRegistry.notFound(uri));
                return template.completions().get(argument);
            }
            default ->
                    throw new McpException(
                            ErrorCode.INVALID_PARAMS, "unknown reference type " + type);
        }
    }

    private static JsonObject result(List<String> values) {
        JsonArray page = new JsonArray();
        values.stream().limit(MAX_VALUES).forEach(page::add);
        JsonObject completion = new JsonObject();
        completion.add("values", page);
        completion.addProperty("total", values.size());
        completion.addProperty("hasMore", values.size() > MAX_VALUES);
        JsonObject result = new JsonObject();
        result.add("completion", completion);
        return result;
    }
}
