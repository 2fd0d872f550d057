package io.clgmcp.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ToolTest {
    private static final String OBJECT_SCHEMA = "{\"type\":\"object\"}";
    private static final ToolHandler HANDLER = context -> ToolResult.text("ok");

    @ParameterizedTest
    @ValueSource(strings = {"echo", "a", "search_v2", "clg.search-by-name", "Z9"})
    void acceptsNamesOfLettersDigitsAndPunctuationAllowed(String name) {
        assertEquals(name, builder(name).build().name());
    }

    @Test
    void acceptsANameOf128Characters() {
        String name = "n".repeat(128);

        assertEquals(name, builder(name).build().name());
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "has space", "slash/name", "colon:name", "café", "tab\t", "x?"})
    void refusesBadNames(String name) {
        IllegalArgumentException failure =
                assertThrows(IllegalArgumentException.class, () -> builder(name).build());

        assertTrue(failure.getMessage().contains("tool name"), failure.getMessage());
    }

    @Test
    void refusesANameLongerThan128Characters() {
        assertThrows(IllegalArgumentException.class, () -> builder("n".repeat(129)).build());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{}",
                "{\"type\":\"string\"}",
                "{\"type\":\"array\"}",
                "{\"type\":null}",
                "{\"type\":5}",
                "{\"type\":{\"const\":\"object\"}}",
                "{\"type\":[\"object\",\"null\"]}",
                "{\"type\":[\"object\"]}"
            })
    void refusesAnInputSchemaThatIsNotAnObjectSchema(String schema) {
        IllegalArgumentException failure =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> builder("echo").inputSchema(schema).build());

        assertTrue(failure.getMessage().contains("input schema"), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"type\":\"array\"}", "{\"type\":{}}"})
    void refusesAnOutputSchemaThatIsNotAnObjectSchema(String schema) {
        IllegalArgumentException failure =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> builder("echo").outputSchema(schema).build());

        assertTrue(failure.getMessage().contains("output schema"), failure.getMessage());
    }

    @Test
    void refusesAToolWithoutDescriptionInputSchemaOrHandler() {
        assertThrows(
                IllegalArgumentException.class, () -> builder("echo").description(null).build());
        assertThrows(
                IllegalArgumentException.class,
                () -> builder("echo").inputSchema((JsonObject) null).build());
        assertThrows(IllegalArgumentException.class, () -> builder("echo").handler(null).build());
    }

    @Test
    void keepsItsOwnCopiesOfTheSchemas() {
        JsonObject input = JsonParser.parseString(OBJECT_SCHEMA).getAsJsonObject();
        Tool tool = builder("echo").inputSchema(input).build();

        input.addProperty("required", "changed");
        tool.inputSchema().addProperty("also", "changed");

        assertEquals(JsonParser.parseString(OBJECT_SCHEMA), tool.inputSchema());
    }

    @Test
    void hasNoOutputSchemaUnlessGivenOne() {
        Tool tool = builder("echo").build();

        assertNull(tool.outputSchema());
        assertNull(tool.title());
        assertFalse(tool.inputSchema().has("properties"));
    }

    private static Tool.Builder builder(String name) {
        return Tool.builder(name).description("A tool").inputSchema(OBJECT_SCHEMA).handler(HANDLER);
    }
}
