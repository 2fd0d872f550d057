package io.clgmcp.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.clgmcp.client.internal.ResultParser;
import io.clgmcp.core.Prompt;
import java.util.ArrayList;
import java.util.List;

/** Turns the results the server sends into this package's typed records, leniently. */
final class Results {
    private Results() {}

    static ServerDescription server(JsonObject initialized) {
        JsonObject info = ResultParser.object(initialized, "serverInfo");
        JsonObject declared = ResultParser.object(initialized, "capabilities");
        return new ServerDescription(
                ResultParser.string(initialized, "protocolVersion"),
                ResultParser.string(info, "name"),
                ResultParser.string(info, "version"),
                declared == null ? new JsonObject() : declared,
                ResultParser.string(initialized, "instructions"));
    }

    static ToolInfo tool(JsonObject tool) {
        return new ToolInfo(
                ResultParser.string(tool, "name"),
                ResultParser.string(tool, "title"),
                ResultParser.string(tool, "description"),
                ResultParser.object(tool, "inputSchema"),
                ResultParser.object(tool, "outputSchema"),
                tool);
    }

    static ToolCallResult toolCall(JsonObject result) {
        return new ToolCallResult(
                ResultParser.blocks(result.get("content")),
                ResultParser.object(result, "structuredContent"),
                result.get("isError") instanceof JsonPrimitive error && error.getAsBoolean(),
                result);
    }

    /**
     * @param uriMember {@code uri} for resources, {@code uriTemplate} for templates
     */
    static List<ResourceInfo> resources(List<JsonObject> listed, String uriMember) {
        List<ResourceInfo> infos = new ArrayList<>();
        for (JsonObject resource : listed) {
            infos.add(
                    new ResourceInfo(
                            ResultParser.string(resource, uriMember),
                            ResultParser.string(resource, "name"),
                            ResultParser.string(resource, "title"),
                            ResultParser.string(resource, "description"),
                            ResultParser.string(resource, "mimeType")));
        }
        return infos;
    }

    static PromptInfo prompt(JsonObject prompt) {
        List<PromptInfo.Argument> arguments = new ArrayList<>();
        if (prompt.get("arguments") instanceof JsonArray declared) {
            for (JsonElement element : declared) {
                JsonObject argument = element.getAsJsonObject();
                arguments.add(
                        new PromptInfo.Argument(
                                ResultParser.string(argument, "name"),
                                ResultParser.string(argument, "description"),
                                argument.get("required") instanceof JsonPrimitive required
                                        && required.isBoolean()
                                        && required.getAsBoolean()));
            }
        }
        return new PromptInfo(
                ResultParser.string(prompt, "name"),
                ResultParser.string(prompt, "title"),
                ResultParser.string(prompt, "description"),
                arguments);
    }

    static Prompt.Result promptMessages(JsonObject filled) {
        List<Prompt.Message> messages = new ArrayList<>();
        if (filled.get("messages") instanceof JsonArray array) {
            array.forEach(message -> messages.add(ResultParser.message(message.getAsJsonObject())));
        }
        return new Prompt.Result(ResultParser.string(filled, "description"), messages);
    }

    static CompletionResult completion(JsonObject result) {
        JsonObject completion = result.getAsJsonObject("completion");
        List<String> values = new ArrayList<>();
        completion.getAsJsonArray("values").forEach(each -> values.add(each.getAsString()));
        return new CompletionResult(
                values,
                completion.get("total") instanceof JsonPrimitive total ? total.getAsInt() : null,
                completion.get("hasMore") instanceof JsonPrimitive more && more.getAsBoolean());
    }
}
