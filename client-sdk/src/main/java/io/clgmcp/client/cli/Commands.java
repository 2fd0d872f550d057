package io.clgmcp.client.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.clgmcp.client.McpClient;
import io.clgmcp.client.ToolCallResult;
import io.clgmcp.client.ToolInfo;
import java.io.PrintStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The commands that talk to a server: each is checked and prepared from its operands before the
 * client connects, so a mistyped command line never reaches the server.
 */
final class Commands {
    /** One prepared command, run on a connected client; returns the exit code. */
    @FunctionalInterface
    interface Action {
        int run(McpClient client, PrintStream out, PrintStream err);
    }

    private Commands() {}

    static Action prepare(String command, List<String> operands) throws UsageException {
        return switch (command) {
            case "tools" -> {
                expect(command, operands, 0, 0, "tools");
                yield Commands::tools;
            }
            case "call" -> {
                expect(command, operands, 1, 2, "call NAME [JSON]");
                String name = operands.get(0);
                JsonObject arguments =
                        operands.size() > 1
                                ? JsonOutput.object(operands.get(1), "the tool's arguments")
                                : new JsonObject();
                yield (client, out, err) -> call(client, name, arguments, out, err);
            }
            case "resources" -> {
                expect(command, operands, 0, 0, "resources");
                yield (client, out, err) -> list(client, "resources/list", "resources", out);
            }
            case "templates" -> {
                expect(command, operands, 0, 0, "templates");
                yield (client, out, err) ->
                        list(client, "resources/templates/list", "resourceTemplates", out);
            }
            case "read" -> {
                expect(command, operands, 1, 1, "read URI");
                JsonObject params = new JsonObject();
                params.addProperty("uri", operands.get(0));
                yield (client, out, err) -> raw(client, "resources/read", params, out);
            }
            case "prompts" -> {
                expect(command, operands, 0, 0, "prompts");
                yield (client, out, err) -> list(client, "prompts/list", "prompts", out);
            }
            case "prompt" -> {
                expect(command, operands, 1, 2, "prompt NAME [JSON]");
                JsonObject params = new JsonObject();
                params.addProperty("name", operands.get(0));
                params.add(
                        "arguments",
                        operands.size() > 1 ? promptArguments(operands.get(1)) : new JsonObject());
                yield (client, out, err) -> raw(client, "prompts/get", params, out);
            }
            default ->
                    throw new UsageException(
                            "unknown command '"
                                    + command
                                    + "' (tools, call, resources, templates, read, prompts,"
                                    + " prompt, conformance; see --help)");
        };
    }

    static int tools(McpClient client, PrintStream out, PrintStream err) {
        JsonArray tools = new JsonArray();
        for (ToolInfo tool : client.listTools()) {
            tools.add(tool.raw());
        }
        JsonOutput.print(out, tools);
        return ExitCodes.OK;
    }

    /** Calls a tool and prints its raw result; a result with {@code isError} exits 1. */
    static int call(
            McpClient client, String name, JsonObject arguments, PrintStream out, PrintStream err) {
        ToolCallResult result = client.callTool(name, arguments);
        JsonOutput.print(out, result.raw());
        if (result.isError()) {
            String text = JsonOutput.oneLine(result.text());
            err.println(
                    "error: tool "
                            + name
                            + " reported an error"
                            + (text.isEmpty() ? "" : ": " + text));
            return ExitCodes.TOOL_ERROR;
        }
        return ExitCodes.OK;
    }

    private static int raw(McpClient client, String method, JsonObject params, PrintStream out) {
        JsonOutput.print(out, client.request(method, params));
        return ExitCodes.OK;
    }

    /** Every item of a paginated list, following {@code nextCursor} to the last page. */
    private static int list(McpClient client, String method, String member, PrintStream out) {
        JsonArray items = new JsonArray();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        do {
            JsonObject params = new JsonObject();
            if (cursor != null) {
                params.addProperty("cursor", cursor);
            }
            JsonObject page = client.request(method, params);
            if (page.get(member) instanceof JsonArray array) {
                items.addAll(array);
            }
            cursor =
                    page.get("nextCursor") instanceof JsonPrimitive next && next.isString()
                            ? next.getAsString()
                            : null;
            // A server that hands out the same cursor twice would otherwise page forever.
        } while (cursor != null && cursors.add(cursor));
        JsonOutput.print(out, items);
        return ExitCodes.OK;
    }

    /** A prompt's arguments: a JSON object whose values MCP sends as strings. */
    private static JsonObject promptArguments(String text) throws UsageException {
        JsonObject given = JsonOutput.object(text, "the prompt's arguments");
        JsonObject strings = new JsonObject();
        for (var entry : given.entrySet()) {
            JsonElement value = entry.getValue();
            if (!(value instanceof JsonPrimitive primitive)) {
                throw new UsageException(
                        "the prompt's argument '"
                                + entry.getKey()
                                + "' must be a string, number or boolean");
            }
            strings.addProperty(entry.getKey(), primitive.getAsString());
        }
        return strings;
    }

    private static void expect(
            String command, List<String> operands, int min, int max, String synopsis)
            throws UsageException {
        if (operands.size() < min || operands.size() > max) {
            throw new UsageException(
                    (operands.size() < min ? "too few" : "too many")
                            + " arguments for "
                            + command
                            + " (usage: "
                            + synopsis
                            + ")");
        }
    }
}
