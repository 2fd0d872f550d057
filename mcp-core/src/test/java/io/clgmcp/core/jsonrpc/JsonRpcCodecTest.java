package io.clgmcp.core.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonRpcCodecTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "   ",
                "{",
                "{\"jsonrpc\":}",
                "[1,]",
                "{\"a\":1,}",
                "\"unterminated",
                "{\"a\":\"\\x\"}",
                "{\"a\":\"tab\there\"}",
                "NaN",
                "undefined"
            })
    void refusesMalformedJsonAsParseError(String text) {
        assertParseError(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"} trailing",
                "{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}}",
                "{} {}",
                "1 2",
                "[] x"
            })
    void refusesTextAfterTheJsonValueAsParseError(String text) {
        assertParseError(text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{'jsonrpc':'2.0','method':'ping'}",
                "{jsonrpc:\"2.0\",method:\"ping\"}",
                "{\"jsonrpc\"=\"2.0\"}",
                "{\"jsonrpc\":\"2.0\";\"method\":\"ping\"}",
                "// comment\n{}",
                "/* comment */ {}",
                "{\"method\":ping}",
                ")]}'\n{}"
            })
    void refusesLenientOnlySyntaxAsParseError(String text) {
        assertParseError(text);
    }

    @Test
    void parsesExactlyOneJsonValue() {
        assertEquals(
                JsonParser.parseString("{\"a\":[1,2.5,\"x\",null,true]}"),
                JsonRpcCodec.parse("  {\"a\":[1,2.5,\"x\",null,true]}\n"));
    }

    @Test
    void decodesRequest() {
        JsonRpcRequest request =
                assertInstanceOf(
                        JsonRpcRequest.class,
                        decode(
                                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\","
                                        + "\"params\":{\"cursor\":\"abc\"}}"));

        assertEquals(JsonRpcId.of(7), request.id());
        assertEquals("tools/list", request.method());
        assertEquals("abc", request.params().get("cursor").getAsString());
    }

    @Test
    void decodesRequestWithoutParamsAsNullParams() {
        JsonRpcRequest request =
                assertInstanceOf(
                        JsonRpcRequest.class,
                        decode("{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"ping\"}"));

        assertEquals(JsonRpcId.of("a"), request.id());
        assertNull(request.params());
    }

    @Test
    void decodesNotificationWhenIdIsAbsent() {
        JsonRpcNotification notification =
                assertInstanceOf(
                        JsonRpcNotification.class,
                        decode(
                                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\","
                                        + "\"params\":{\"progress\":1}}"));

        assertEquals("notifications/progress", notification.method());
        assertEquals(1, notification.params().get("progress").getAsInt());
    }

    @Test
    void decodesSuccessResponse() {
        JsonRpcResponse response =
                assertInstanceOf(
                        JsonRpcResponse.class,
                        decode("{\"jsonrpc\":\"2.0\",\"id\":\"r1\",\"result\":{\"ok\":true}}"));

        assertFalse(response.isError());
        assertEquals(JsonRpcId.of("r1"), response.id());
        assertEquals(JsonParser.parseString("{\"ok\":true}"), response.result());
    }

    @Test
    void decodesErrorResponse() {
        JsonRpcResponse response =
                assertInstanceOf(
                        JsonRpcResponse.class,
                        decode(
                                "{\"jsonrpc\":\"2.0\",\"id\":3,\"error\":{\"code\":-32601,"
                                        + "\"message\":\"Method not found\",\"data\":{\"m\":\"x\"}}}"));

        assertTrue(response.isError());
        assertEquals(JsonRpcId.of(3), response.id());
        assertEquals(-32601, response.error().code());
        assertEquals("Method not found", response.error().message());
        assertEquals(JsonParser.parseString("{\"m\":\"x\"}"), response.error().data());
    }

    @Test
    void decodesErrorResponseWhoseIdIsNull() {
        String text =
                "{\"jsonrpc\":\"2.0\",\"id\":null,"
                        + "\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}";

        JsonRpcResponse response = assertInstanceOf(JsonRpcResponse.class, decode(text));

        assertNull(response.id());
        assertEquals(-32700, response.error().code());
        assertEquals(text, JsonRpcCodec.encode(response));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[]",
                "[{\"jsonrpc\":\"2.0\",\"method\":\"ping\"}]",
                "\"ping\"",
                "42",
                "null",
                "{\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":2.0,\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":null,\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":[\"2.0\"],\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":5}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":null}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":[\"ping\"]}",
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1e3,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":-1.0,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":-0.5,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":10E2,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":{\"n\":1},\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":\"x\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"params\":5}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":true}",
                "{\"jsonrpc\":\"2.0\",\"id\":1}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{},\"error\":{\"code\":1,\"message\":\"m\"}}",
                "{\"jsonrpc\":\"2.0\",\"result\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"result\":{}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":\"boom\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"message\":\"no code\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-1}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1e999999999,\"message\":\"m\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":1e10001,\"message\":\"m\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":2147483648,\"message\":\"m\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":{\"code\":-32000.5,\"message\":\"m\"}}"
            })
    void refusesInvalidMessagesAsInvalidRequest(String text) {
        assertDecodeFails(ErrorCode.INVALID_REQUEST, text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":[\"echo\"]}",
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":[]}"
            })
    void refusesArrayParamsAsInvalidParams(String text) {
        assertDecodeFails(ErrorCode.INVALID_PARAMS, text);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "12345678901234567890",
                "-12345678901234567890",
                "0",
                "-0",
                "-7",
                "999999999999999999",
                "-99999999999999999",
                "9223372036854775807",
                "\"007\"",
                "\"\"",
                "\"12345678901234567890\"",
            })
    void echoesIdExactlyAsReceived(String id) {
        String request = "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}";

        JsonRpcRequest decoded = (JsonRpcRequest) decode(request);
        String response =
                JsonRpcCodec.encode(JsonRpcResponse.success(decoded.id(), new JsonObject()));

        assertEquals(request, JsonRpcCodec.encode(decoded));
        assertEquals(
                "{\"jsonrpc\":\"2.0\",\"id\":"
                        + JsonRpcCodec.toText(decoded.id().toJson())
                        + ",\"result\":{}}",
                response);
        assertEquals(JsonParser.parseString(id), decoded.id().toJson());
    }

    @Test
    void keepsTwentyDigitIdDigitForDigit() {
        JsonRpcRequest decoded =
                (JsonRpcRequest)
                        decode(
                                "{\"jsonrpc\":\"2.0\",\"id\":12345678901234567890,"
                                        + "\"method\":\"ping\"}");

        String response =
                JsonRpcCodec.encode(JsonRpcResponse.success(decoded.id(), new JsonObject()));

        assertEquals("{\"jsonrpc\":\"2.0\",\"id\":12345678901234567890,\"result\":{}}", response);
    }

    @Test
    void tellsStringIdsFromIntegerIdsWithTheSameDigits() {
        JsonRpcId number = ((JsonRpcRequest) decode(requestWithId("7"))).id();
        JsonRpcId string = ((JsonRpcRequest) decode(requestWithId("\"7\""))).id();

        assertNotEquals(number, string);
        assertEquals(JsonRpcId.of(7), number);
        assertEquals(JsonRpcId.of("7"), string);
        assertTrue(string.isString());
        assertFalse(number.isString());
    }

    @Test
    void encodesRequestNotificationAndResponses() {
        JsonObject params = new JsonObject();
        params.addProperty("cursor", "c");

        assertEquals(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\",\"params\":{\"cursor\":\"c\"}}",
                JsonRpcCodec.encode(new JsonRpcRequest(JsonRpcId.of(1), "tools/list", params)));
        assertEquals(
                "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
                JsonRpcCodec.encode(new JsonRpcNotification("notifications/initialized", null)));
        assertEquals(
                "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
                        + "\"message\":\"Invalid Request\"}}",
                JsonRpcCodec.encode(
                        JsonRpcResponse.failure(null, JsonRpcError.of(ErrorCode.INVALID_REQUEST))));
    }

    @Test
    void encodesABatchAsOneArrayInItsOrder() {
        assertEquals(
                "[{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}},"
                        + "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"error\":{\"code\":-32601,"
                        + "\"message\":\"Method not found\"}}]",
                JsonRpcCodec.encodeBatch(
                        List.of(
                                JsonRpcResponse.success(JsonRpcId.of(2), new JsonObject()),
                                JsonRpcResponse.failure(
                                        JsonRpcId.of("a"),
                                        JsonRpcError.of(ErrorCode.METHOD_NOT_FOUND)))));
        assertEquals("[]", JsonRpcCodec.encodeBatch(List.of()));
    }

    @Test
    void findsIdOfMessageThatIsOtherwiseInvalid() {
        assertEquals(
                JsonRpcId.of("007"),
                JsonRpcCodec.idOf(JsonRpcCodec.parse("{\"id\":\"007\",\"method\":5}")));
        assertEquals(
                JsonRpcCodec.parse("12345678901234567890"),
                JsonRpcCodec.idOf(
                                JsonRpcCodec.parse(
                                        "{\"jsonrpc\":\"1.0\",\"id\":12345678901234567890}"))
                        .toJson());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "[{\"id\":1}]",
                "\"id\"",
                "{}",
                "{\"id\":null}",
                "{\"id\":true}",
                "{\"id\":1.5}",
                "{\"id\":{\"n\":1}}",
                "{\"id\":[1]}"
            })
    void findsNoIdWhereThereIsNoUsableOne(String text) {
        assertNull(JsonRpcCodec.idOf(JsonRpcCodec.parse(text)));
    }

    @Test
    void accessorsHandOutCopies() {
        JsonRpcRequest request = (JsonRpcRequest) decode(requestWithId("1"));
        JsonRpcRequest withParams =
                new JsonRpcRequest(
                        JsonRpcId.of(1),
                        "m",
                        JsonParser.parseString("{\"a\":1}").getAsJsonObject());

        withParams.params().addProperty("b", 2);

        assertNull(request.params());
        assertFalse(withParams.params().has("b"));
        assertEquals(new JsonPrimitive(1), withParams.params().get("a"));
    }

    private static JsonRpcMessage decode(String text) {
        return JsonRpcCodec.decode(JsonRpcCodec.parse(text));
    }

    private static String requestWithId(String id) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}";
    }

    private static void assertParseError(String text) {
        McpException failure = assertThrows(McpException.class, () -> JsonRpcCodec.parse(text));
        assertEquals(ErrorCode.PARSE_ERROR, failure.code(), () -> "for text: " + text);
    }

    private static void assertDecodeFails(ErrorCode expected, String text) {
        McpException failure = assertThrows(McpException.class, () -> decode(text));
        assertEquals(expected, failure.code(), () -> "for message: " + text);
    }
}
