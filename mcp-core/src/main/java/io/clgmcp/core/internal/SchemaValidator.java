package io.clgmcp.core.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.harrel.jsonschema.Error;
import dev.harrel.jsonschema.JsonSchemaException;
import dev.harrel.jsonschema.Validator;
import dev.harrel.jsonschema.ValidatorFactory;
import dev.harrel.jsonschema.providers.GsonNode;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks JSON values against JSON Schemas (2020-12 unless a schema says otherwise). Schemas are
 * registered once at start-up; checking is then safe from any thread.
 */
public final class SchemaValidator {
    private final Validator validator =
            new ValidatorFactory().withJsonNodeFactory(new GsonNode.Factory()).createValidator();

    /**
     * Registers a schema under a name of the caller's choosing.
     *
     * @throws IllegalArgumentException when the schema is not a valid JSON Schema
     */
    public synchronized URI register(String name, JsonObject schema) {
        try {
            return validator.registerSchema(URI.create("urn:clg-mcp:schema:" + name), schema);
        } catch (JsonSchemaException e) {
            throw new IllegalArgumentException(
                    "the schema " + name + " is not a valid JSON Schema: " + e.getMessage(), e);
        }
    }

    /**
     * What is wrong with a value, one line a problem naming where it is ("/query: ..."); empty when
     * the value is valid.
     */
    public List<String> problems(URI schema, JsonElement value) {
        Validator.Result result;
        try {
            result = validator.validate(schema, value);
        } catch (NumberFormatException e) {
            // The validator reads every number as a BigDecimal, which refuses exponents such as
            // 1e-9999999: the value holds a number no one could mean.
            return List.of("(root): a number is out of range: " + e.getMessage());
        }
        if (result.isValid()) {
            return List.of();
        }
        Set<String> problems = new LinkedHashSet<>();
        for (Error error : result.getErrors()) {
            String where = error.getInstanceLocation();
            problems.add((where.isEmpty() ? "(root)" : where) + ": " + error.getError());
        }
        return List.copyOf(problems);
    }
}
