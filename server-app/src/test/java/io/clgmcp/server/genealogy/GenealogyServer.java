package io.clgmcp.server.genealogy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.internal.SchemaValidator;
import io.clgmcp.server.TestServer;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Our real server with the genealogy tools pointed at a {@link FixtureSite}, called over real HTTP
 * on {@code POST /rpc}. Every successful result is checked against the tool's own output schema and
 * its JSON text copy.
 */
final class GenealogyServer implements AutoCloseable {
    private final TestServer server;
    private final SchemaValidator validator = new SchemaValidator();
    private final Map<String, URI> outputSchemas = new HashMap<>();

    private GenealogyServer(TestServer server) throws Exception {
        this.server = server;
        for (JsonElement tool : tools()) {
            JsonObject descriptor = tool.getAsJsonObject();
            if (descriptor.has("outputSchema")) {
                String name = descriptor.get("name").getAsString();
                outputSchemas.put(
                        name, validator.register(name, descriptor.getAsJsonObject("outputSchema")));
            }
        }
    }

    /** A server whose tools read this site, fast enough for tests, with these extra settings. */
    static GenealogyServer start(URI site, String... settings) throws Exception {
        Map<String, String> values = new HashMap<>();
        values.put("CLG_BASE_URL", site.toString());
        values.put("CLG_RATE_LIMIT", "1000");
        for (int i = 0; i < settings.length; i += 2) {
            values.put(settings[i], settings[i + 1]);
        }
        return new GenealogyServer(TestServer.start(values));
    }

    JsonArray tools() throws Exception {
        return rpc("tools/list", new JsonObject()).getAsJsonArray("tools");
    }

    /** A successful call's structured content, checked. */
    JsonObject call(String tool, String argumentsJson) throws Exception {
        JsonObject result = result(tool, argumentsJson);
        assertEquals(false, result.get("isError").getAsBoolean(), () -> "error: " + result);
        JsonObject structured = result.getAsJsonObject("structuredContent");
        List<String> problems = validator.problems(outputSchemas.get(tool), structured);
        assertTrue(problems.isEmpty(), () -> tool + " broke its output schema: " + problems);
        String text =
                result.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString();
        assertEquals(structured, JsonParser.parseString(text), "the text copy");
        return structured;
    }

    /** A failed call's message for a person. */
    String error(String tool, String argumentsJson) throws Exception {
        JsonObject result = result(tool, argumentsJson);
        assertEquals(true, result.get("isError").getAsBoolean(), () -> "no error: " + result);
        return result.getAsJsonArray("content").get(0).getAsJsonObject().get("text").getAsString();
    }

    private JsonObject result(String tool, String argumentsJson) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("name", tool);
        params.add("arguments", JsonParser.parseString(argumentsJson));
        return rpc("tools/call", params);
    }

    /** The JSON-RPC response to a request, which must not be an error. */
    JsonObject rpc(String method, JsonObject params) throws Exception {
        JsonObject response = rpcResponse(method, params);
        assertTrue(response.has("result"), () -> "expected a result: " + response);
        return response.getAsJsonObject("result");
    }

    JsonObject rpcResponse(String method, JsonObject params) throws Exception {
        JsonObject request = new JsonObject();
        request.addProperty("jsonrpc", "2.0");
        request.addProperty("id", 1);
        request.addProperty("method", method);
        request.add("params", params);
        TestServer.Reply reply = server.post("/rpc", request.toString());
        assertEquals(200, reply.status(), reply::body);
        return reply.json();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
