package io.clgmcp.server.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.server.TestServer;
import io.clgmcp.server.TestServer.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code MCP_PROFILE=conformance} over {@code POST /rpc}: the fixtures are offered and behave as
 * the suite's scenarios describe; a server of the default profile offers none of them.
 */
@Timeout(30)
class ConformanceProfileTest {
    private static final List<String> TOOLS =
            List.of(
                    "test_simple_text",
                    "test_image_content",
                    "test_audio_content",
                    "test_embedded_resource",
                    "test_multiple_content_types",
                    "test_tool_with_logging",
                    "test_error_handling",
                    "test_tool_with_progress",
                    "test_sampling",
                    "test_elicitation",
                    "test_elicitation_sep1034_defaults",
                    "test_elicitation_sep1330_enums",
                    "json_schema_2020_12_tool",
                    "test_reconnection");
    private static final List<String> PROMPTS =
            List.of(
                    "test_simple_prompt",
                    "test_prompt_with_arguments",
                    "test_prompt_with_embedded_resource",
                    "test_prompt_with_image");

    private static TestServer conformance;
    private static TestServer plain;

    @BeforeAll
    static void start() throws Exception {
        conformance = TestServer.start(Map.of("MCP_PROFILE", "conformance"));
        plain = TestServer.start(Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        for (TestServer server : new TestServer[] {conformance, plain}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void listsEveryFixtureToolWithADescription() throws Exception {
        JsonArray tools = result(conformance, "tools/list", null).getAsJsonArray("tools");

        assertTrue(names(tools, "name").containsAll(TOOLS), tools::toString);
        for (JsonElement tool : tools) {
            assertFalse(
                    tool.getAsJsonObject().get("description").getAsString().isBlank(),
                    tool::toString);
        }
    }

    @Test
    void keepsTheJsonSchema2020KeywordsOfItsSchemaTool() throws Exception {
        JsonObject schema = tool("json_schema_2020_12_tool").getAsJsonObject("inputSchema");

        assertEquals(
                "https://json-schema.org/draft/2020-12/schema",
                schema.get("$schema").getAsString());
        assertTrue(schema.getAsJsonObject("$defs").has("address"), schema::toString);
        assertFalse(schema.get("additionalProperties").getAsBoolean(), schema::toString);
    }

    @Test
    void listsTheFixtureResourcesTemplateAndPrompts() throws Exception {
        assertEquals(
                Set.of("test://static-text", "test://static-binary", "test://watched-resource"),
                Set.copyOf(
                        names(
                                result(conformance, "resources/list", null)
                                        .getAsJsonArray("resources"),
                                "uri")));
        assertEquals(
                List.of("test://template/{id}/data"),
                names(
                        result(conformance, "resources/templates/list", null)
                                .getAsJsonArray("resourceTemplates"),
                        "uriTemplate"));
        assertTrue(
                names(result(conformance, "prompts/list", null).getAsJsonArray("prompts"), "name")
                        .containsAll(PROMPTS));
    }

    @Test
    void offersNoneOfThemInTheDefaultProfile() throws Exception {
        List<String> tools =
                names(result(plain, "tools/list", null).getAsJsonArray("tools"), "name");

        assertTrue(tools.stream().noneMatch(TOOLS::contains), tools::toString);
        assertTrue(rpc(plain, "resources/list", null).has("error"));
        assertTrue(rpc(plain, "prompts/list", null).has("error"));
    }

    @Test
    void returnsARealPngAndARealWav() throws Exception {
        JsonObject image = firstContent(callTool("test_image_content"));
        JsonObject audio = firstContent(callTool("test_audio_content"));

        assertEquals("image/png", image.get("mimeType").getAsString());
        byte[] png = Base64.getDecoder().decode(image.get("data").getAsString());
        assertArrayEquals(
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
                Arrays.copyOf(png, 8));
        assertEquals("audio/wav", audio.get("mimeType").getAsString());
        byte[] wav = Base64.getDecoder().decode(audio.get("data").getAsString());
        assertEquals("RIFF", new String(wav, 0, 4, StandardCharsets.US_ASCII));
        assertEquals("WAVE", new String(wav, 8, 4, StandardCharsets.US_ASCII));
        assertEquals(wav.length - 8, littleEndianInt(wav, 4), "RIFF chunk size");
        assertEquals(wav.length - 44, littleEndianInt(wav, 40), "data chunk size");
    }

    @Test
    void reportsTheErrorFixtureAsAnErrorResult() throws Exception {
        JsonObject result = callTool("test_error_handling");

        assertTrue(result.get("isError").getAsBoolean(), result::toString);
        assertFalse(firstContent(result).get("text").getAsString().isBlank());
    }

    @Test
    void mixesTextImageAndAnEmbeddedResource() throws Exception {
        JsonArray content = callTool("test_multiple_content_types").getAsJsonArray("content");

        assertEquals(List.of("text", "image", "resource"), names(content, "type"));
        JsonObject resource = content.get(2).getAsJsonObject().getAsJsonObject("resource");
        assertEquals(
                JsonParser.parseString("{\"test\":\"data\",\"value\":123}"),
                JsonParser.parseString(resource.get("text").getAsString()));
    }

    @Test
    void readsTheTemplateWithItsId() throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("uri", "test://template/123/data");

        JsonObject contents =
                result(conformance, "resources/read", params)
                        .getAsJsonArray("contents")
                        .get(0)
                        .getAsJsonObject();

        assertEquals("application/json", contents.get("mimeType").getAsString());
        assertEquals(
                JsonParser.parseString(
                        "{\"id\":\"123\",\"templateTest\":true,\"data\":\"Data for ID: 123\"}"),
                JsonParser.parseString(contents.get("text").getAsString()));
    }

    @Test
    void fillsInThePromptArgumentsAndCompletesTheFirst() throws Exception {
        JsonObject arguments = new JsonObject();
        arguments.addProperty("arg1", "hello");
        arguments.addProperty("arg2", "world");
        JsonObject get = new JsonObject();
        get.addProperty("name", "test_prompt_with_arguments");
        get.add("arguments", arguments);
        JsonObject message =
                result(conformance, "prompts/get", get)
                        .getAsJsonArray("messages")
                        .get(0)
                        .getAsJsonObject();

        assertEquals(
                "Prompt with arguments: arg1='hello', arg2='world'",
                message.getAsJsonObject("content").get("text").getAsString());

        JsonObject completion =
                result(conformance, "completion/complete", completion("par"))
                        .getAsJsonObject("completion");
        assertEquals(
                List.of("paris", "park", "party"),
                names(completion.getAsJsonArray("values"), null));
    }

    private static JsonObject completion(String value) {
        JsonObject ref = new JsonObject();
        ref.addProperty("type", "ref/prompt");
        ref.addProperty("name", "test_prompt_with_arguments");
        JsonObject argument = new JsonObject();
        argument.addProperty("name", "arg1");
        argument.addProperty("value", value);
        JsonObject params = new JsonObject();
        params.add("ref", ref);
        params.add("argument", argument);
        return params;
    }

    private static JsonObject tool(String name) throws Exception {
        for (JsonElement tool : result(conformance, "tools/list", null).getAsJsonArray("tools")) {
            if (tool.getAsJsonObject().get("name").getAsString().equals(name)) {
                return tool.getAsJsonObject();
            }
        }
        throw new AssertionError("no tool " + name);
    }

    private static JsonObject callTool(String name) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("name", name);
        params.add("arguments", new JsonObject());
        return result(conformance, "tools/call", params);
    }

    private static JsonObject firstContent(JsonObject result) {
        return result.getAsJsonArray("content").get(0).getAsJsonObject();
    }

    private static JsonObject result(TestServer server, String method, JsonObject params)
            throws Exception {
        JsonObject response = rpc(server, method, params);
        assertTrue(response.has("result"), response::toString);
        return response.getAsJsonObject("result");
    }

    /** A JSON-RPC request with id 1 to {@code POST /rpc}, without a token; its response. */
    private static JsonObject rpc(TestServer server, String method, JsonObject params)
            throws Exception {
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("id", 1);
        request.addProperty("method", method);
        if (params != null) {
            request.add("params", params);
        }
        Reply reply = server.post("/rpc", request.toString(), "Accept", "application/json");
        assertEquals(200, reply.status(), reply::toString);
        return reply.json();
    }

    /** Each element's member of that name as a string, or each element itself when null. */
    private static List<String> names(JsonArray array, String member) {
        List<String> names = new ArrayList<>();
        for (JsonElement element : array) {
            names.add(
                    member == null
                            ? element.getAsString()
                            : element.getAsJsonObject().get(member).getAsString());
        }
        return names;
    }

    private static int littleEndianInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff)
                | (bytes[at + 1] & 0xff) << 8
                | (bytes[at + 2] & 0xff) << 16
                | (bytes[at + 3] & 0xff) << 24;
    }
}
