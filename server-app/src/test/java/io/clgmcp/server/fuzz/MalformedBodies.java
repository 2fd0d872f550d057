package io.clgmcp.server.fuzz;

import com.google.gson.JsonPrimitive;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Arbitraries of what a careless or hostile client sends: random text, truncated and mutated
 * JSON-RPC messages, members of the wrong type, huge numbers and strings, deep nesting, invalid
 * UTF-8, junk batches, empty bodies, and bogus header values. Every body stays under {@link
 * #MAX_BODY_BYTES} except those of {@link #oversized()}.
 */
final class MalformedBodies {
    /** The body limit the fuzzed servers are started with ({@code MCP_MAX_BODY_BYTES}). */
    static final int MAX_BODY_BYTES = 65536;

    /** Stands for a member left out of a message. */
    private static final String ABSENT = "\u0000absent";

    static final String PING = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";

    /** Well-formed messages of every kind, the seeds of the mutations. */
    static final List<String> VALID =
            List.of(
                    PING,
                    "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"tools/list\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":"
                            + "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"initialize\",\"params\":"
                            + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                            + "\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                    "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\","
                            + "\"params\":{\"requestId\":1}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{}}",
                    "{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32000,\"message\":\"x\"}}",
                    "[" + PING + ",{\"jsonrpc\":\"2.0\",\"method\":\"initialized\"}]");

    private static final List<String> METHODS =
            List.of(
                    "ping",
                    "initialize",
                    "tools/list",
                    "tools/call",
                    "resources/list",
                    "resources/read",
                    "resources/subscribe",
                    "resources/templates/list",
                    "prompts/list",
                    "prompts/get",
                    "completion/complete",
                    "logging/setLevel",
                    "notifications/initialized",
                    "notifications/cancelled",
                    "sampling/createMessage",
                    "rpc.discover");

    private static final List<String> PARAMS =
            List.of(
                    "{}",
                    "{\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}}",
                    "{\"name\":\"echo\",\"arguments\":{}}",
                    "{\"name\":\"search_genealogy_resources\",\"arguments\":{\"query\":\"x\"}}",
                    "{\"name\":\"browse_categories\",\"arguments\":{\"limit\":1e309}}",
                    "{\"name\":\"get_location_resources\",\"arguments\":{\"location\":\"\"}}",
                    "{\"level\":\"debug\"}",
                    "{\"uri\":\"file:///etc/passwd\"}",
                    "{\"requestId\":1,\"reason\":\"x\"}",
                    "{\"cursor\":\"!!not-a-cursor\"}",
                    "{\"ref\":{\"type\":\"ref/prompt\",\"name\":\"x\"},"
                            + "\"argument\":{\"name\":\"a\",\"value\":\"b\"}}",
                    "{\"protocolVersion\":\"1999-01-01\",\"capabilities\":{},"
                            + "\"clientInfo\":{\"name\":\"fuzz\",\"version\":\"1\"}}",
                    "{\"_meta\":{\"progressToken\":{}}}");

    /** JSON leaves that parsers and number conversions get wrong. */
    private static final List<String> ODD_VALUES =
            List.of(
                    "null",
                    "true",
                    "false",
                    "0",
                    "-0",
                    "1.5",
                    "-1",
                    "1e309",
                    "-1e309",
                    "1e999999999",
                    "1E-999999999",
                    "18446744073709551616",
                    "-9223372036854775809",
                    "123456789012345678901234567890123456789",
                    "2147483648",
                    "\"\"",
                    "\"2.0\"",
                    "\"\\ud800\"",
                    "\"\\u0000\"",
                    "\"\\\"\"",
                    "{}",
                    "[]");

    private static final List<byte[]> INVALID_UTF8 =
            List.of(
                    bytes(0x80),
                    bytes(0xC3),
                    bytes(0xFF),
                    bytes(0xFE, 0xFF),
                    bytes(0xC0, 0x80),
                    bytes(0xED, 0xA0, 0x80),
                    bytes(0xF4, 0x90, 0x80, 0x80),
                    bytes(0xF8, 0x88, 0x80, 0x80, 0x80),
                    bytes(0xE2, 0x82));

    private MalformedBodies() {}

    /** Any of the malformed bodies below, or a valid message now and then. */
    static Arbitrary<byte[]> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, utf8(Arbitraries.of(VALID))),
                Tuple.of(2, utf8(randomText())),
                Tuple.of(3, truncated()),
                Tuple.of(3, mutated()),
                Tuple.of(5, utf8(wrongTypes())),
                Tuple.of(2, utf8(hugeNumbers())),
                Tuple.of(1, utf8(longStrings())),
                Tuple.of(2, utf8(deepNesting())),
                Tuple.of(2, invalidUtf8()),
                Tuple.of(2, utf8(batches())),
                Tuple.of(1, utf8(Arbitraries.of("", " ", "\n", "null", "[]", "{}", "[[]]"))));
    }

    /** Any text at all, mostly not JSON. */
    static Arbitrary<String> randomText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("{}[]\":,0123456789.eE+-tfnul\\ ").ofMaxLength(80));
    }

    /** A valid message cut off anywhere. */
    static Arbitrary<byte[]> truncated() {
        return Arbitraries.of(VALID)
                .flatMap(
                        message ->
                                Arbitraries.integers()
                                        .between(0, message.length() - 1)
                                        .map(
                                                end ->
                                                        message.substring(0, end)
                                                                .getBytes(StandardCharsets.UTF_8)));
    }

    /** A valid message with a few bytes replaced by any bytes. */
    static Arbitrary<byte[]> mutated() {
        Arbitrary<int[]> edit =
                Combinators.combine(
                                Arbitraries.integers().between(0, 10_000),
                                Arbitraries.integers().between(0, 255))
                        .as((at, value) -> new int[] {at, value});
        return Combinators.combine(Arbitraries.of(VALID), edit.list().ofMinSize(1).ofMaxSize(4))
                .as(
                        (message, edits) -> {
                            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                            for (int[] e : edits) {
                                bytes[e[0] % bytes.length] = (byte) e[1];
                            }
                            return bytes;
                        });
    }

    /**
     * A message whose members are each valid, of a wrong type, odd, or left out: ids as objects,
     * methods as numbers, params as arrays or strings, and so on.
     */
    static Arbitrary<String> wrongTypes() {
        return Combinators.combine(
                        member("\"2.0\""),
                        member("1"),
                        Arbitraries.oneOf(
                                Arbitraries.of(METHODS).map(MalformedBodies::quoted),
                                jsonValues(),
                                Arbitraries.just(ABSENT)),
                        Arbitraries.oneOf(
                                Arbitraries.of(PARAMS), jsonValues(), Arbitraries.just(ABSENT)),
                        Arbitraries.of("result", "error", "connectionId", "x"),
                        Arbitraries.oneOf(jsonValues(), Arbitraries.just(ABSENT)))
                .as(
                        (version, id, method, params, extraName, extra) ->
                                object(
                                        "jsonrpc", version, "id", id, "method", method, "params",
                                        params, extraName, extra));
    }

    /** Messages whose ids, codes and arguments are numbers no Java type holds. */
    static Arbitrary<String> hugeNumbers() {
        Arbitrary<String> number =
                Arbitraries.oneOf(
                        Arbitraries.of(ODD_VALUES).filter(v -> Character.isDigit(v.charAt(0))),
                        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(5000),
                        Arbitraries.integers().between(-9_999_999, 999_999_999).map(e -> "1e" + e));
        return Combinators.combine(number, Arbitraries.integers().between(0, 4))
                .as(
                        (n, where) ->
                                switch (where) {
                                    case 0 ->
                                            "{\"jsonrpc\":\"2.0\",\"id\":"
                                                    + n
                                                    + ",\"method\":\"ping\"}";
                                    case 1 ->
                                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":"
                                                    + "{\"code\":"
                                                    + n
                                                    + ",\"message\":\"x\"}}";
                                    case 2 ->
                                            "{\"jsonrpc\":\"2.0\",\"id\":" + n + ",\"result\":{}}";
                                    case 3 ->
                                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                                                    + "\"tools/call\",\"params\":{\"name\":"
                                                    + "\"browse_categories\",\"arguments\":{\"limit\":"
                                                    + n
                                                    + "}}}";
                                    default ->
                                            "{\"jsonrpc\":\"2.0\",\"method\":"
                                                    + "\"notifications/cancelled\",\"params\":"
                                                    + "{\"requestId\":"
                                                    + n
                                                    + "}}";
                                });
    }

    /** Messages with a member of tens of thousands of characters. */
    static Arbitrary<String> longStrings() {
        return Combinators.combine(
                        Arbitraries.integers().between(1_000, 12_000),
                        Arbitraries.of("a", "\\u0041", "\\\"", "é"),
                        Arbitraries.of("id", "method", "text"))
                .as(
                        (length, unit, where) -> {
                            String s = "\"" + unit.repeat(length) + "\"";
                            return switch (where) {
                                case "id" ->
                                        object("jsonrpc", "\"2.0\"", "id", s, "method", "\"ping\"");
                                case "method" ->
                                        object("jsonrpc", "\"2.0\"", "id", "1", "method", s);
                                default ->
                                        object(
                                                "jsonrpc", "\"2.0\"",
                                                "id", "1",
                                                "method", "\"tools/call\"",
                                                "params",
                                                        "{\"name\":\"echo\",\"arguments\":{\"text\":"
                                                                + s
                                                                + "}}");
                            };
                        });
    }

    /** Arrays and objects nested up to 10,000 deep, balanced or not, alone or as params. */
    static Arbitrary<String> deepNesting() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 10_000),
                        Arbitraries.of("[", "{\"a\":"),
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false))
                .as(
                        (depth, open, balanced, asParams) -> {
                            String close = open.equals("[") ? "]" : "}";
                            String nested =
                                    open.repeat(depth)
                                            + "1"
                                            + close.repeat(balanced ? depth : depth / 2);
                            return asParams
                                    ? "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                                            + "\"params\":{\"name\":\"echo\",\"arguments\":{\"t\":"
                                            + nested
                                            + "}}}"
                                    : nested;
                        });
    }

    /** A valid message with byte sequences that are not UTF-8 inserted somewhere. */
    static Arbitrary<byte[]> invalidUtf8() {
        return Combinators.combine(
                        Arbitraries.of(VALID),
                        Arbitraries.of(INVALID_UTF8),
                        Arbitraries.integers().between(0, 10_000))
                .as(
                        (message, junk, at) -> {
                            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
                            int cut = at % (bytes.length + 1);
                            ByteArrayOutputStream out = new ByteArrayOutputStream();
                            out.write(bytes, 0, cut);
                            out.writeBytes(junk);
                            out.write(bytes, cut, bytes.length - cut);
                            return out.toByteArray();
                        });
    }

    /** Batches mixing valid messages, malformed ones and any JSON values. */
    static Arbitrary<String> batches() {
        return Arbitraries.oneOf(Arbitraries.of(VALID), wrongTypes(), jsonValues(), hugeNumbers())
                .list()
                .ofMaxSize(6)
                .map(elements -> "[" + String.join(",", elements) + "]");
    }

    /** Bodies just over {@link #MAX_BODY_BYTES}, whatever they hold. */
    static Arbitrary<byte[]> oversized() {
        return Combinators.combine(
                        Arbitraries.integers().between(MAX_BODY_BYTES + 1, 2 * MAX_BODY_BYTES),
                        Arbitraries.of(" ", "a", "[", "\u00ff"))
                .as(
                        (size, filler) -> {
                            byte[] head = PING.getBytes(StandardCharsets.UTF_8);
                            byte[] body = new byte[size];
                            byte fill = filler.getBytes(StandardCharsets.ISO_8859_1)[0];
                            Arrays.fill(body, fill);
                            System.arraycopy(head, 0, body, 0, head.length);
                            return body;
                        });
    }

    /** Any JSON value a few levels deep, built from {@link #ODD_VALUES} and random strings. */
    static Arbitrary<String> jsonValues() {
        Arbitrary<String> leaf =
                Arbitraries.oneOf(
                        Arbitraries.of(ODD_VALUES),
                        Arbitraries.strings().ofMaxLength(20).map(MalformedBodies::quoted));
        return Arbitraries.recursive(() -> leaf, MalformedBodies::containing, 0, 3);
    }

    // --- header values ---

    /** {@code Content-Type} values, null for none. */
    static Arbitrary<String> contentTypes() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "application/json",
                        "application/json; charset=utf-8",
                        "APPLICATION/JSON;charset=ISO-8859-1",
                        " application/json ",
                        "application/json-rpc",
                        "application/jsonx",
                        "text/json",
                        "text/plain",
                        "text/event-stream",
                        "multipart/form-data; boundary=x",
                        "application/x-www-form-urlencoded",
                        "*/*",
                        ";",
                        ""),
                headerText(),
                Arbitraries.just(null));
    }

    /** {@code Accept} values, null for none. */
    static Arbitrary<String> accepts() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "application/json, text/event-stream",
                        "text/event-stream, application/json;q=0.1",
                        "*/*",
                        "application/*, text/*",
                        "application/json",
                        "text/event-stream",
                        "text/html",
                        ",,,",
                        ""),
                headerText(),
                Arbitraries.just(null));
    }

    /** {@code MCP-Protocol-Version} values, null for none. */
    static Arbitrary<String> protocolVersions() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2099-01-01", ""),
                headerText(),
                Arbitraries.just(null));
    }

    /** {@code Mcp-Session-Id} or connection id values that name no session, null for none. */
    static Arbitrary<String> bogusIds() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(32),
                Arbitraries.of("", "null", "../../etc/passwd", "conn_0_0"),
                headerText(),
                Arbitraries.just(null));
    }

    /** {@code Last-Event-ID} values, null for none. */
    static Arbitrary<String> lastEventIds() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("", "-1", "0", "99999999999999999999", "1e3", " 7 ", "0x10"),
                headerText(),
                Arbitraries.just(null));
    }

    /** Printable ASCII, which is what an HTTP client lets through in a header value. */
    static Arbitrary<String> headerText() {
        return Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(200);
    }

    private static Arbitrary<String> containing(Arbitrary<String> inner) {
        Arbitrary<String> key =
                Arbitraries.oneOf(
                        Arbitraries.of(
                                "jsonrpc",
                                "id",
                                "method",
                                "params",
                                "result",
                                "error",
                                "code",
                                "message",
                                "name",
                                "arguments",
                                "_meta",
                                "connectionId"),
                        Arbitraries.strings().alpha().ofMaxLength(8));
        Arbitrary<String> array =
                inner.list().ofMaxSize(3).map(values -> "[" + String.join(",", values) + "]");
        Arbitrary<String> object =
                Combinators.combine(key, inner)
                        .as((k, v) -> quoted(k) + ":" + v)
                        .list()
                        .ofMaxSize(3)
                        .map(members -> "{" + String.join(",", members) + "}");
        return Arbitraries.oneOf(array, object);
    }

    private static Arbitrary<String> member(String valid) {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(valid)),
                Tuple.of(2, jsonValues()),
                Tuple.of(1, Arbitraries.just(ABSENT)));
    }

    /** A JSON object of these name/value pairs, leaving out the {@link #ABSENT} ones. */
    private static String object(String... namesAndValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (ABSENT.equals(namesAndValues[i + 1])) {
                continue;
            }
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(quoted(namesAndValues[i])).append(':').append(namesAndValues[i + 1]);
        }
        return out.append('}').toString();
    }

    private static String quoted(String text) {
        return new JsonPrimitive(text).toString();
    }

    private static Arbitrary<byte[]> utf8(Arbitrary<String> texts) {
        return texts.map(text -> text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
