package io.clgmcp.server.conformance;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.ClientRequestException;
import io.clgmcp.core.ContentBlock;
import io.clgmcp.core.LoggingLevel;
import io.clgmcp.core.ResourceContents;
import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolContext;
import io.clgmcp.core.ToolHandler;
import io.clgmcp.core.ToolResult;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import java.util.List;

/**
 * The conformance suite's fixture tools, each as its scenario describes it (the suite's {@code
 * tools-call-*}, {@code elicitation-*}, {@code json-schema-2020-12} and {@code server-sse-polling}
 * scenarios).
 */
final class ConformanceTools {
    /** How long the logging and progress fixtures pause between messages, as the suite asks. */
    private static final long STEP_PAUSE_MILLIS = 50;

    /** How long {@code test_reconnection} works on after closing its stream. */
    private static final long RECONNECTION_PAUSE_MILLIS = 100;

    private static final String NO_ARGUMENTS = "{\"type\":\"object\",\"properties\":{}}";

    private ConformanceTools() {}

    static List<Tool> all() {
        return List.of(
                simpleText(),
                imageContent(),
                audioContent(),
                embeddedResource(),
                multipleContentTypes(),
                withLogging(),
                errorHandling(),
                withProgress(),
                sampling(),
                elicitation(),
                elicitationDefaults(),
                elicitationEnums(),
                jsonSchema202012(),
                reconnection());
    }

    private static Tool simpleText() {
        return tool(
                "test_simple_text",
                "Returns one text block",
                context -> ToolResult.text("This is a simple text response for testing."));
    }

    private static Tool imageContent() {
        return tool("test_image_content", "Returns a 1x1 PNG image", context -> content(png()));
    }

    private static Tool audioContent() {
        return tool(
                "test_audio_content",
                "Returns a tiny WAV sound",
                context ->
                        content(
                                ContentBlock.Audio.of(
                                        ConformanceMedia.wav(), ConformanceMedia.WAV_MIME_TYPE)));
    }

    private static Tool embeddedResource() {
        return tool(
                "test_embedded_resource",
                "Returns an embedded text resource",
                context ->
                        content(
                                new ContentBlock.EmbeddedResource(
                                        ResourceContents.text(
                                                "test://embedded-resource",
                                                "text/plain",
                                                "This is an embedded resource content."))));
    }

    private static Tool multipleContentTypes() {
        JsonObject data = new JsonObject();
        data.addProperty("test", "data");
        data.addProperty("value", 123);
        String json = JsonRpcCodec.toText(data);
        return tool(
                "test_multiple_content_types",
                "Returns text, an image and an embedded resource",
                context ->
                        content(
                                new ContentBlock.Text("Multiple content types test:"),
                                png(),
                                new ContentBlock.EmbeddedResource(
                                        ResourceContents.text(
                                                "test://mixed-content-resource",
                                                "application/json",
                                                json))));
    }

    private static Tool withLogging() {
        return tool(
                "test_tool_with_logging",
                "Sends three info log messages while it runs",
                context -> {
                    info(context, "Tool execution started");
                    Thread.sleep(STEP_PAUSE_MILLIS);
                    info(context, "Tool processing data");
                    Thread.sleep(STEP_PAUSE_MILLIS);
                    info(context, "Tool execution completed");
                    return ToolResult.text("Tool with logging executed successfully");
                });
    }

    private static Tool errorHandling() {
        return tool(
                "test_error_handling",
                "Always fails, reporting an error result",
                context ->
                        ToolResult.error("This tool intentionally returns an error for testing"));
    }

    private static Tool withProgress() {
        return tool(
                "test_tool_with_progress",
                "Reports progress 0, 50 and 100 of 100 while it runs",
                context -> {
                    for (int step = 0; step <= 100; step += 50) {
                        if (step > 0) {
                            Thread.sleep(STEP_PAUSE_MILLIS);
                        }
                        context.reportProgress(
                                step, 100.0, "Completed step " + step + " of " + 100);
                    }
                    return ToolResult.text("Progress reported: 0, 50, 100 of 100");
                });
    }

    private static Tool sampling() {
        return Tool.builder("test_sampling")
                .description("Asks the client's model to answer a prompt (sampling)")
                .inputSchema(requiredString("prompt", "The prompt to send to the LLM"))
                .handler(
                        context -> {
                            JsonObject content = new JsonObject();
                            content.addProperty("type", "text");
                            content.addProperty(
                                    "text", context.arguments().get("prompt").getAsString());
                            JsonObject message = new JsonObject();
                            message.addProperty("role", "user");
                            message.add("content", content);
                            JsonArray messages = new JsonArray();
                            messages.add(message);
                            JsonObject params = new JsonObject();
                            params.add("messages", messages);
                            params.addProperty("maxTokens", 100);
                            try {
                                JsonObject result = context.createMessage(params);
                                return ToolResult.text("LLM response: " + sampledText(result));
                            } catch (ClientRequestException e) {
                                return ToolResult.error("Sampling failed: " + e.getMessage());
                            }
                        })
                .build();
    }

    private static Tool elicitation() {
        return Tool.builder("test_elicitation")
                .description("Asks the client's user for a username and an email (elicitation)")
                .inputSchema(requiredString("message", "The message to show the user"))
                .handler(
                        context ->
                                elicit(
                                        context,
                                        context.arguments().get("message").getAsString(),
                                        """
                                        {"type":"object","properties":{
                                          "username":{"type":"string","description":"User's response"},
                                          "email":{"type":"string","description":"User's email address"}},
                                         "required":["username","email"]}
                                        """,
                                        "User response"))
                .build();
    }

    private static Tool elicitationDefaults() {
        return tool(
                "test_elicitation_sep1034_defaults",
                "Asks the client's user for values that all have defaults (SEP-1034)",
                context ->
                        elicit(
                                context,
                                "Please review and update the form fields with defaults",
                                """
                                {"type":"object","properties":{
                                  "name":{"type":"string","description":"User name",
                                          "default":"John Doe"},
                                  "age":{"type":"integer","description":"User age","default":30},
                                  "score":{"type":"number","description":"User score",
                                           "default":95.5},
                                  "status":{"type":"string","description":"User status",
                                            "enum":["active","inactive","pending"],
                                            "default":"active"},
                                  "verified":{"type":"boolean","description":"Verification status",
                                              "default":true}},
                                 "required":[]}
                                """,
                                "Elicitation completed"));
    }

    private static Tool elicitationEnums() {
        return tool(
                "test_elicitation_sep1330_enums",
                "Asks the client's user to choose from all five kinds of enum (SEP-1330)",
                context ->
                        elicit(
                                context,
                                "Please select options from the enum fields",
                                """
                                {"type":"object","properties":{
                                  "untitledSingle":{"type":"string",
                                    "description":"Select one option",
                                    "enum":["option1","option2","option3"]},
                                  "titledSingle":{"type":"string",
                                    "description":"Select one option with titles",
                                    "oneOf":[{"const":"value1","title":"First Option"},
                                             {"const":"value2","title":"Second Option"},
                                             {"const":"value3","title":"Third Option"}]},
                                  "legacyEnum":{"type":"string",
                                    "description":"Select one option (legacy)",
                                    "enum":["opt1","opt2","opt3"],
                                    "enumNames":["Option One","Option Two","Option Three"]},
                                  "untitledMulti":{"type":"array",
                                    "description":"Select multiple options",
                                    "minItems":1,"maxItems":3,
                                    "items":{"type":"string",
                                             "enum":["option1","option2","option3"]}},
                                  "titledMulti":{"type":"array",
                                    "description":"Select multiple options with titles",
                                    "minItems":1,"maxItems":3,
                                    "items":{"anyOf":[
                                      {"const":"value1","title":"First Choice"},
                                      {"const":"value2","title":"Second Choice"},
                                      {"const":"value3","title":"Third Choice"}]}}},
                                 "required":[]}
                                """,
                                "Elicitation completed"));
    }

    private static Tool jsonSchema202012() {
        return Tool.builder("json_schema_2020_12_tool")
                .description("Tool with JSON Schema 2020-12 features")
                .inputSchema(
                        """
                        {"$schema":"https://json-schema.org/draft/2020-12/schema",
                         "type":"object",
                         "$defs":{"address":{"type":"object","properties":{
                           "street":{"type":"string"},"city":{"type":"string"}}}},
                         "properties":{"name":{"type":"string"},
                                       "address":{"$ref":"#/$defs/address"}},
                         "additionalProperties":false}
                        """)
                .handler(
                        context ->
                                ToolResult.text(
                                        "JSON Schema 2020-12 tool called with: "
                                                + JsonRpcCodec.toText(context.arguments())))
                .build();
    }

    private static Tool reconnection() {
        return tool(
                "test_reconnection",
                "Closes its response stream mid-call, then answers once the client has"
                        + " reconnected (SEP-1699)",
                context -> {
                    context.closeStream();
                    Thread.sleep(RECONNECTION_PAUSE_MILLIS);
                    return ToolResult.text(
                            "Reconnection test completed successfully. If you received this, the"
                                    + " client properly reconnected after stream closure.");
                });
    }

    /** A tool without arguments. */
    private static Tool tool(String name, String description, ToolHandler handler) {
        return Tool.builder(name)
                .description(description)
                .inputSchema(NO_ARGUMENTS)
                .handler(handler)
                .build();
    }

    /** The schema of one required string argument. */
    private static JsonObject requiredString(String name, String description) {
        JsonObject property = new JsonObject();
        property.addProperty("type", "string");
        property.addProperty("description", description);
        JsonObject properties = new JsonObject();
        properties.add(name, property);
        JsonArray required = new JsonArray();
        required.add(name);
        JsonObject schema = new JsonObject();
        schema.addProperty("type", "object");
        schema.add("properties", properties);
        schema.add("required", required);
        return schema;
    }

    private static ToolResult content(ContentBlock... blocks) {
        return new ToolResult(List.of(blocks), null, false);
    }

    private static ContentBlock png() {
        return ContentBlock.Image.of(ConformanceMedia.png(), ConformanceMedia.PNG_MIME_TYPE);
    }

    private static void info(ToolContext context, String message) {
        context.log(LoggingLevel.INFO, "conformance", new JsonPrimitive(message));
    }

    /**
     * Sends {@code elicitation/create} and answers {@code "<prefix>: action=..., content=..."}, or
     * an error result when the client cannot answer.
     */
    private static ToolResult elicit(
            ToolContext context, String message, String requestedSchema, String prefix)
            throws InterruptedException {
        JsonObject params = new JsonObject();
        params.addProperty("message", message);
        params.add("requestedSchema", JsonParser.parseString(requestedSchema));
        try {
            JsonObject result = context.elicit(params);
            JsonElement content = result.has("content") ? result.get("content") : new JsonObject();
            return ToolResult.text(
                    prefix
                            + ": action="
                            + textOf(result.get("action"))
                            + ", content="
                            + JsonRpcCodec.toText(content));
        } catch (ClientRequestException e) {
            return ToolResult.error("Elicitation failed: " + e.getMessage());
        }
    }

    /** The text the client's model answered with, from a {@code sampling/createMessage} result. */
    private static String sampledText(JsonObject result) {
        JsonElement content = result.get("content");
        if (content instanceof JsonArray blocks && !blocks.isEmpty()) {
            content = blocks.get(0); // 2025-11-25 allows a list of blocks
        }
        if (content instanceof JsonObject block
                && block.get("text") instanceof JsonPrimitive text) {
            return text.getAsString();
        }
        return JsonRpcCodec.toText(result);
    }

    private static String textOf(JsonElement value) {
        return value instanceof JsonPrimitive primitive ? primitive.getAsString() : "unknown";
    }
}
