package io.clgmcp.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.clgmcp.core.jsonrpc.ErrorCode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyTest {
    private static final String JSON = "application/json";

    @ParameterizedTest
    @ValueSource(strings = {"{\"q\":\"census\"}", "{\"q\":\"Zürich\"}", "{\"q\":\"家谱 🌳\"}", ""})
    void readsAsciiAndMultiByteTextAlike(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertEquals(text, read(JSON, bytes.length, bytes));
        assertEquals(text, read(JSON, -1, bytes));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "7b22 71 22 3a 22 ff 22 7d", // a byte UTF-8 never uses
                "7b22 71 22 3a 22 c3 22 7d", // a sequence cut short
                "7b22 71 22 3a 22 c0 af 22 7d", // an overlong '/'
                "7b22 71 22 3a 22 ed a0 80 22 7d", // a lone surrogate
            })
    void refusesBytesThatAreNotUtf8AsAParseError(String hex) {
        byte[] bytes = bytes(hex);

        JsonBody.Refused refused =
                assertThrows(JsonBody.Refused.class, () -> read(JSON, bytes.length, bytes));

        assertEquals(400, refused.status());
        assertEquals(ErrorCode.PARSE_ERROR, refused.reason().code());
    }

    @Test
    void refusesABodyOverTheLimitWhetherDeclaredOrChunked() {
        byte[] bytes = "{\"q\":\"0123456789\"}".getBytes(StandardCharsets.US_ASCII);

        assertEquals(
                413,
                assertThrows(JsonBody.Refused.class, () -> read(JSON, bytes.length, bytes, 10))
                        .status());
        assertEquals(
                413,
                assertThrows(JsonBody.Refused.class, () -> read(JSON, -1, bytes, 10)).status());
    }

    @Test
    void refusesAContentTypeOtherThanJson() {
        byte[] bytes = "{}".getBytes(StandardCharsets.US_ASCII);

        assertEquals(
                415,
                assertThrows(JsonBody.Refused.class, () -> read("text/plain", 2, bytes)).status());
        assertEquals(
                415, assertThrows(JsonBody.Refused.class, () -> read(null, 2, bytes)).status());
    }

    private static String read(String contentType, long length, byte[] bytes) throws Exception {
        return read(contentType, length, bytes, 1 << 20);
    }

    private static String read(String contentType, long length, byte[] bytes, int max)
            throws Exception {
        return JsonBody.read(contentType, length, new ByteArrayInputStream(bytes), max);
    }

    private static byte[] bytes(String hex) {
        String digits = hex.replace(" ", "");
        byte[] bytes = new byte[digits.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(digits.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
