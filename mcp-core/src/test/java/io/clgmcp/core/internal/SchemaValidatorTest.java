package io.clgmcp.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SchemaValidatorTest {
    private final SchemaValidator validator = new SchemaValidator();
    private final URI schema =
            validator.register(
                    "limit",
                    JsonParser.parseString(
                                    "{\"type\":\"object\",\"properties\":{\"limit\":{\"type\":\"integer\"}}}")
                            .getAsJsonObject());

    @ParameterizedTest
    @ValueSource(strings = {"1e-9999998", "1e999999999", "-1E10001"})
    void reportsANumberOutOfRangeAsAProblem(String number) {
        var problems =
                validator.problems(schema, JsonParser.parseString("{\"limit\":" + number + "}"));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("out of range"), problems::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "1e3", "-7"})
    void acceptsOrdinaryNumbers(String number) {
        assertEquals(
                java.util.List.of(),
                validator.problems(schema, JsonParser.parseString("{\"limit\":" + number + "}")));
    }
}
