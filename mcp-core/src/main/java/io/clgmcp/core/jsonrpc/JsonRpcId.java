package io.clgmcp.core.jsonrpc;

import com.google.gson.JsonPrimitive;

/**
 * A request id: a string or an integer, kept exactly as the client wrote it so that it is echoed
 * unchanged (a 20-digit integer stays 20 digits).
 */
public final class JsonRpcId {
    /** Integers this long, sign included, always fit a long. */
    private static final int MAX_LONG_DIGITS = 18;

    private final JsonPrimitive value;

    /** The id's text, kept for equality and hashing, which sessions' maps of requests do often. */
    private final String text;

    private JsonRpcId(JsonPrimitive value) {
        this.value = value;
        this.text = value.getAsString();
    }

    public static JsonRpcId of(String id) {
        return new JsonRpcId(new JsonPrimitive(id));
    }

    public static JsonRpcId of(long id) {
        return new JsonRpcId(new JsonPrimitive(id));
    }

    /**
     * The id for a JSON value read off the wire.
     *
     * @throws McpException with {@link ErrorCode#INVALID_REQUEST} for anything but a string or an
     *     integer
     */
    public static JsonRpcId fromJson(JsonPrimitive value) {
        if (value.isString()) {
            return new JsonRpcId(value);
        }
        String number = value.isNumber() ? value.getAsString() : "";
        if (!isInteger(number)) {
            throw new McpException(ErrorCode.INVALID_REQUEST, "id must be a string or an integer");
        }
        // A parsed number is Gson's lazy kind, which Gson checks again with a regex each time it
        // writes one; a long is written as it is. "-0" stays as written, which a long would not.
        return number.length() <= MAX_LONG_DIGITS && !number.equals("-0")
                ? of(Long.parseLong(number))
                : new JsonRpcId(value);
    }

    /** Whether a number is written as JSON writes an integer: {@code -?(0|[1-9][0-9]*)}. */
    private static boolean isInteger(String number) {
        int start = number.startsWith("-") ? 1 : 0;
        int length = number.length() - start;
        if (length == 0 || (length > 1 && number.charAt(start) == '0')) {
            return false;
        }
        for (int i = start; i < number.length(); i++) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The id as it goes back on the wire. */
    public JsonPrimitive toJson() {
        return value;
    }

    public boolean isString() {
        return value.isString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonRpcId that
                && value.isString() == that.value.isString()
                && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
