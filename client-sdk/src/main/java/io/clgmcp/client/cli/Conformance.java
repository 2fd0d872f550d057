package io.clgmcp.client.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.clgmcp.client.McpClient;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code conformance URL}: acts out the client scenario of the official MCP conformance suite that
 * {@code MCP_CONFORMANCE_SCENARIO} names, against the suite's test server at URL (the suite appends
 * it to the command it runs). Each scenario's server checks what the client does; this only has to
 * do it, and end with exit code 0.
 */
final class Conformance {
    static final String SCENARIO_VARIABLE = "MCP_CONFORMANCE_SCENARIO";

    /** The scenarios this command knows, in the suite's names. */
    static final List<String> SCENARIOS =
            List.of("initialize", "tools_call", "sse-retry", "elicitation-sep1034-client-defaults");

    private Conformance() {}

    static int run(Arguments arguments, Map<String, String> env, PrintStream out, PrintStream err)
            throws UsageException {
        if (arguments.serverCommand() != null) {
            throw new UsageException(
                    "conformance reaches the suite's server by URL, not --command");
        }
        if (arguments.operands().size() > 1) {
            throw new UsageException("too many arguments for conformance (usage: conformance URL)");
        }
        URI url =
                arguments.operands().isEmpty()
                        ? arguments.url()
                        : Arguments.url(arguments.operands().get(0));
        if (url == null) {
            throw new UsageException("conformance needs the test server's URL (conformance URL)");
        }
        String scenario = env.get(SCENARIO_VARIABLE);
        if (scenario == null || scenario.isBlank()) {
            throw new UsageException(
                    SCENARIO_VARIABLE + " is not set; it names the scenario to act out");
        }
        if (!SCENARIOS.contains(scenario)) {
            throw new UsageException(
                    "unknown conformance scenario '"
                            + scenario
                            + "' (known: "
                            + String.join(", ", SCENARIOS)
                            + ")");
        }
        McpClient.Builder builder = Main.builder(arguments, url);
        if (scenario.equals("elicitation-sep1034-client-defaults")) {
            builder.onElicitation(Conformance::acceptDefaults);
        }
        try (McpClient client = builder.connect()) {
            return switch (scenario) {
                case "initialize" -> Commands.tools(client, out, err);
                case "tools_call" -> {
                    Commands.tools(client, out, err);
                    JsonObject numbers = new JsonObject();
                    numbers.addProperty("a", 5);
                    numbers.addProperty("b", 3);
                    yield Commands.call(client, "add_numbers", numbers, out, err);
                }
                // The tool's stream closes before its answer; the client resumes it with GET and
                // Last-Event-ID after the retry: delay the stream announced. Listing the tools
                // first lets the session's own GET stream open before the call: the server times
                // the resumption from the last GET it saw.
                case "sse-retry" -> {
                    Commands.tools(client, out, err);
                    yield Commands.call(client, "test_reconnection", new JsonObject(), out, err);
                }
                default ->
                        Commands.call(
                                client,
                                "test_client_elicitation_defaults",
                                new JsonObject(),
                                out,
                                err);
            };
        }
    }

    /**
     * Answers {@code elicitation/create} as a user who accepts every suggested value: each property
     * of {@code requestedSchema} that has a {@code default} gets it (SEP-1034).
     */
    static JsonObject acceptDefaults(JsonObject params) {
        JsonObject content = new JsonObject();
        if (params != null
                && params.get("requestedSchema") instanceof JsonObject schema
                && schema.get("properties") instanceof JsonObject properties) {
            for (Map.Entry<String, JsonElement> property : properties.entrySet()) {
                if (property.getValue() instanceof JsonObject declared && declared.has("default")) {
                    content.add(property.getKey(), declared.get("default").deepCopy());
                }
            }
        }
        JsonObject result = new JsonObject();
        result.addProperty("action", "accept");
        result.add("content", content);
        return result;
    }
}
