package io.clgmcp.server.genealogy;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * A call's arguments, read by name. The server has checked them against the tool's input schema, so
 * each value present has its declared type.
 */
final class Arguments {
    private final JsonObject values;

    Arguments(JsonObject values) {
        this.values = values;
    }

    /** The text of this argument, trimmed, or null when absent or blank. */
    String text(String name) {
        JsonElement value = values.get(name);
        if (value == null || value.isJsonNull()) {
            return null;
        }
        String text = value.getAsString().trim();
        return text.isEmpty() ? null : text;
    }

    boolean flag(String name) {
        JsonElement value = values.get(name);
        return value != null && !value.isJsonNull() && value.getAsBoolean();
    }

    /** A whole number; a fraction is rounded down. */
    Integer number(String name) {
        JsonElement value = values.get(name);
        return value == null || value.isJsonNull() ? null : (int) Math.floor(value.getAsDouble());
    }

    /** The non-blank texts of an array argument, trimmed; empty when absent. */
    List<String> texts(String name) {
        List<String> texts = new ArrayList<>();
        JsonElement value = values.get(name);
        if (value != null && value.isJsonArray()) {
            for (JsonElement item : value.getAsJsonArray()) {
                if (!item.isJsonNull() && !item.getAsString().isBlank()) {
                    texts.add(item.getAsString().trim());
                }
            }
        }
        return texts;
    }

    /** A nested object argument, or null. */
    Arguments object(String name) {
        JsonElement value = values.get(name);
        return value != null && value.isJsonObject()
                ? new Arguments(value.getAsJsonObject())
                : null;
    }
}
