package io.clgmcp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@code Main --stdio} as a desktop assistant runs it: a child process spoken to through pipes. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StdioModeTest {
    private static final String INITIALIZE =
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{"
                    + "\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"sampling\":{}},"
                    + "\"clientInfo\":{\"name\":\"stdio-mode-test\",\"version\":\"1\"}}}";

    @Test
    void servesMcpOnStandardInputAndOutputAndExitsWhenInputEnds() throws Exception {
        try (StdioProcess server =
                StdioProcess.start(Map.of("MCP_PROFILE", "conformance"), "--stdio")) {
            server.send(INITIALIZE);
            JsonObject initialized = server.next();
            assertEquals(
                    "clg-mcp",
                    initialized
                            .getAsJsonObject("result")
                            .getAsJsonObject("serverInfo")
                            .get("name")
                            .getAsString());
            server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");

            server.send("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
            List<String> tools = toolNames(server.next());
            assertTrue(tools.contains("search_genealogy_resources"), tools.toString());
            assertTrue(tools.contains("test_simple_text"), tools.toString());

            server.send("this is not JSON");
            JsonObject parseError = server.next();
            assertTrue(parseError.get("id").isJsonNull(), parseError.toString());
            assertEquals(-32700, parseError.getAsJsonObject("error").get("code").getAsInt());

            server.send(
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                            + "{\"name\":\"test_simple_text\",\"arguments\":{}}}");
            JsonObject call = server.next();
            assertEquals(2, call.get("id").getAsInt());
            assertTrue(call.toString().contains("This is a simple text response"), call.toString());

            server.send(
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":"
                            + "{\"name\":\"test_sampling\",\"arguments\":{\"prompt\":\"Hi\"}}}");
            JsonObject sampling = server.next();
            assertEquals("sampling/createMessage", sampling.get("method").getAsString());
            server.send(
                    "{\"jsonrpc\":\"2.0\",\"id\":"
                            + sampling.get("id")
                            + ",\"result\":{\"role\":\"assistant\",\"model\":\"test\","
                            + "\"content\":{\"type\":\"text\",\"text\":\"Hello from the client\"}}}");
            JsonObject sampled = server.next();
            assertEquals(3, sampled.get("id").getAsInt());
            assertTrue(sampled.toString().contains("Hello from the client"), sampled.toString());

            server.closeInput();

            assertEquals(0, server.awaitExit());
            String stderr = server.awaitStderr();
            assertTrue(stderr.contains("standard input and output"), stderr);
            assertTrue(stderr.contains("CLG-MCP stopped"), stderr);
            assertFalse(stderr.contains("\tat "), "a stack trace in:\n" + stderr);
            assertEquals(6, server.stdoutLines().size(), server.stdoutLines().toString());
        }
    }

    // Windows has no SIGTERM: ProcessHandle.destroy() kills at once, running no shutdown hooks.
    @Test
    @DisabledOnOs(OS.WINDOWS)
    void stopsGracefullyOnSigterm() throws Exception {
        try (StdioProcess server = StdioProcess.start(Map.of(), "--stdio")) {
            server.send(INITIALIZE);
            assertEquals(0, server.next().get("id").getAsInt());

            server.terminate();

            server.awaitExit();
            String stderr = server.awaitStderr();
            assertTrue(stderr.contains("CLG-MCP stopped"), stderr);
            assertFalse(stderr.contains("\tat "), "a stack trace in:\n" + stderr);
        }
    }

    @Test
    void refusesABadSettingWithStatus2AndNothingOnStandardOutput() throws Exception {
        try (StdioProcess server =
                StdioProcess.start(Map.of("MCP_TOOL_THREADS", "many"), "--stdio")) {
            assertEquals(2, server.awaitExit());
            assertEquals(List.of(), server.stdoutLines());
            String stderr = server.awaitStderr();
            assertTrue(stderr.contains("MCP_TOOL_THREADS"), stderr);
            assertFalse(stderr.contains("\tat "), "a stack trace in:\n" + stderr);
        }
    }

    @Test
    void refusesAnUnknownArgumentWithItsUsageOnStandardError() throws Exception {
        try (StdioProcess server = StdioProcess.start(Map.of(), "--stdin")) {
            assertEquals(2, server.awaitExit());
            assertEquals(List.of(), server.stdoutLines());
            assertTrue(server.awaitStderr().contains("usage:"), server.awaitStderr());
        }
    }

    private static List<String> toolNames(JsonObject list) {
        List<String> names = new ArrayList<>();
        list.getAsJsonObject("result")
                .getAsJsonArray("tools")
                .forEach(tool -> names.add(tool.getAsJsonObject().get("name").getAsString()));
        return names;
    }
}
