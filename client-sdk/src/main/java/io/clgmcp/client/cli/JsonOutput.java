package io.clgmcp.client.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.PrintStream;

/** The JSON the command line reads from its arguments and prints on standard output. */
final class JsonOutput {
    private static final Gson PRETTY =
            new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();

    private JsonOutput() {}

    /** Prints a value, pretty-printed, as the server sent it. */
    static void print(PrintStream out, JsonElement value) {
        out.println(PRETTY.toJson(value));
        out.flush();
    }

    /**
     * A JSON object given on the command line.
     *
     * @param what names the argument in the error message
     */
    static JsonObject object(String text, String what) throws UsageException {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            String reason =
                    oneLine(e.getMessage())
                            .replaceAll("^([\\w$]+\\.)+[\\w$]*Exception: ", "")
                            .replaceAll("\\s*See https?://\\S+$", "");
            throw new UsageException(what + ": not valid JSON (" + reason + ")");
        }
        if (!parsed.isJsonObject()) {
            throw new UsageException(
                    what + ": not a JSON object, such as {\"a\": 1} (got " + text + ")");
        }
        return parsed.getAsJsonObject();
    }

    /** A message squeezed onto one line. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s+", " ");
    }
}
