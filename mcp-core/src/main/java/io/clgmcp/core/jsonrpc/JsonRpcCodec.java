package io.clgmcp.core.jsonrpc;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads and writes JSON-RPC 2.0 messages. Reading is strict: the text must be exactly one JSON
 * value as RFC 8259 defines it, and a message must have the members JSON-RPC 2.0 requires.
 */
public final class JsonRpcCodec {
    private static final TypeAdapter<JsonElement> TREES = new Gson().getAdapter(JsonElement.class);
    private static final String VERSION = "2.0";
    private static final Pattern INT_CODE = Pattern.compile("-?(0|[1-9][0-9]{0,9})");

    private JsonRpcCodec() {}

    /**
     * Parses one JSON value.
     *
     * @throws McpException with {@link ErrorCode#PARSE_ERROR} when the text is not exactly one JSON
     *     value
     */
    public static JsonElement parse(String text) {
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement value = TREES.read(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new McpException(ErrorCode.PARSE_ERROR, "text after the JSON value");
            }
            return value;
        } catch (IOException | JsonParseException | IllegalStateException e) {
            throw new McpException(ErrorCode.PARSE_ERROR, "the text is not valid JSON");
        }
    }

    /**
     * The message a JSON value stands for.
     *
     * @throws McpException with {@link ErrorCode#INVALID_REQUEST} when the value is not a JSON-RPC
     *     2.0 message, or {@link ErrorCode#INVALID_PARAMS} when its params are not an object
     */
    public static JsonRpcMessage decode(JsonElement value) {
        if (!value.isJsonObject()) {
            throw invalid("a message must be a JSON object");
        }
        JsonObject object = value.getAsJsonObject();
        if (!(object.get("jsonrpc") instanceof JsonPrimitive version)
                || !version.isString()
                || !VERSION.equals(version.getAsString())) {
            throw invalid("\"jsonrpc\" must be \"2.0\"");
        }
        JsonElement method = object.get("method");
        if (method != null) {
            return decodeCall(object, method);
        }
        if (object.has("result") || object.has("error")) {
            return decodeResponse(object);
        }
        throw invalid("a message needs a \"method\", a \"result\" or an \"error\"");
    }

    /**
     * The id of a message that may be malformed, so that an error about it can name it; null when
     * it has no usable id.
     */
    public static JsonRpcId idOf(JsonElement value) {
        if (value.isJsonObject()
                && value.getAsJsonObject().get("id") instanceof JsonPrimitive primitive) {
            try {
                return JsonRpcId.fromJson(primitive);
            } catch (McpException e) {
                return null;
            }
        }
        return null;
    }

    /** The message as a JSON object, for transports that add members of their own. */
    public static JsonObject toJson(JsonRpcMessage message) {
        JsonObject object = new JsonObject();
        object.addProperty("jsonrpc", VERSION);
        if (message instanceof JsonRpcRequest request) {
            object.add("id", request.id().toJson());
            object.addProperty("method", request.method());
            addIfPresent(object, "params", request.rawParams());
        } else if (message instanceof JsonRpcNotification notification) {
            object.addProperty("method", notification.method());
            addIfPresent(object, "params", notification.rawParams());
        } else {
            JsonRpcResponse response = (JsonRpcResponse) message;
            object.add("id", response.id() == null ? JsonNull.INSTANCE : response.id().toJson());
            if (response.isError()) {
                object.add("error", toJson(response.error()));
            } else {
                object.add("result", response.rawResult());
            }
        }
        return object;
    }

    /** The message as JSON text. */
    public static String encode(JsonRpcMessage message) {
        return toText(toJson(message));
    }

    /** A batch's messages as the text of one JSON array. */
    public static String encodeBatch(List<? extends JsonRpcMessage> messages) {
        JsonArray array = new JsonArray(messages.size());
        for (JsonRpcMessage message : messages) {
            array.add(toJson(message));
        }
        return toText(array);
    }

    /** A JSON value as compact text. */
    public static String toText(JsonElement value) {
        StringWriter text = new StringWriter();
        write(value, text);
        return text.toString();
    }

    private static void write(JsonElement value, Writer out) {
        try {
            JsonWriter writer = new JsonWriter(out);
            writer.setSerializeNulls(true);
            TREES.write(writer, value);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JsonIOException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }

    private static JsonRpcMessage decodeCall(JsonObject object, JsonElement method) {
        if (!(method instanceof JsonPrimitive primitive) || !primitive.isString()) {
            throw invalid("\"method\" must be a string");
        }
        JsonObject params = paramsOf(object);
        if (!object.has("id")) {
            return new JsonRpcNotification(primitive.getAsString(), params);
        }
        return new JsonRpcRequest(idFrom(object), primitive.getAsString(), params);
    }

    private static JsonRpcMessage decodeResponse(JsonObject object) {
        JsonElement result = object.get("result");
        JsonElement error = object.get("error");
        if (result != null && error != null) {
            throw invalid("a response has either a \"result\" or an \"error\", not both");
        }
        // An error about a request whose id could not be read carries "id": null.
        JsonRpcId id =
                error != null && object.get("id") instanceof JsonNull ? null : idFrom(object);
        return result != null
                ? JsonRpcResponse.success(id, result)
                : JsonRpcResponse.failure(id, errorFrom(error));
    }

    private static JsonRpcId idFrom(JsonObject object) {
        if (!(object.get("id") instanceof JsonPrimitive primitive)) {
            throw invalid("id must be a string or an integer");
        }
        return JsonRpcId.fromJson(primitive);
    }

    private static JsonObject paramsOf(JsonObject object) {
        JsonElement params = object.get("params");
        if (params == null) {
            return null;
        }
        if (params.isJsonObject()) {
            return params.getAsJsonObject();
        }
        if (params.isJsonArray()) {
            throw new McpException(ErrorCode.INVALID_PARAMS, "params must be an object");
        }
        throw invalid("\"params\" must be an object or an array");
    }

    private static JsonRpcError errorFrom(JsonElement error) {
        if (error.isJsonObject()
                && error.getAsJsonObject().get("code") instanceof JsonPrimitive code
                && isIntCode(code)
                && error.getAsJsonObject().get("message") instanceof JsonPrimitive message
                && message.isString()) {
            return new JsonRpcError(
                    code.getAsInt(), message.getAsString(), error.getAsJsonObject().get("data"));
        }
        throw invalid("\"error\" must be an object with an integer code and a message");
    }

    /**
     * Whether an error code is an integer that fits an int, as JSON-RPC requires; checked on its
     * text, since converting a number like {@code 1e999999999} throws.
     */
    private static boolean isIntCode(JsonPrimitive code) {
        if (!code.isNumber() || !INT_CODE.matcher(code.getAsString()).matches()) {
            return false;
        }
        long value = Long.parseLong(code.getAsString());
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE;
    }

    private static JsonObject toJson(JsonRpcError error) {
        JsonObject object = new JsonObject();
        object.addProperty("code", error.code());
        object.addProperty("message", error.message());
        addIfPresent(object, "data", error.rawData());
        return object;
    }

    private static void addIfPresent(JsonObject object, String name, JsonElement value) {
        if (value != null) {
            object.add(name, value);
        }
    }

    private static McpException invalid(String detail) {
        return new McpException(ErrorCode.INVALID_REQUEST, detail);
    }
}
