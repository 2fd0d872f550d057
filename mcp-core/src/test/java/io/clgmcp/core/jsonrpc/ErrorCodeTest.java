package io.clgmcp.core.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ErrorCodeTest {

    static Stream<Arguments> standardCodes() {
        return Stream.of(
                Arguments.of(ErrorCode.PARSE_ERROR, -32700, "Parse error"),
                Arguments.of(ErrorCode.INVALID_REQUEST, -32600, "Invalid Request"),
                Arguments.of(ErrorCode.METHOD_NOT_FOUND, -32601, "Method not found"),
                Arguments.of(ErrorCode.INVALID_PARAMS, -32602, "Invalid params"),
                Arguments.of(ErrorCode.INTERNAL_ERROR, -32603, "Internal error"),
                Arguments.of(ErrorCode.SERVER_BUSY, -32000, "Server busy"),
                Arguments.of(ErrorCode.CONNECTION_NOT_FOUND, -32001, "Connection not found"));
    }

    @ParameterizedTest
    @MethodSource("standardCodes")
    void carriesTheStandardCodeAndMessage(ErrorCode code, int expectedCode, String message) {
        assertEquals(expectedCode, code.code());
        assertEquals(message, code.message());
    }

    @Test
    void bareErrorHasTheStandardMessageAndNoData() {
        JsonRpcError error = JsonRpcError.of(ErrorCode.METHOD_NOT_FOUND);

        assertEquals(-32601, error.code());
        assertEquals("Method not found", error.message());
        assertEquals(null, error.data());
    }

    @ParameterizedTest
    @ValueSource(ints = {-32099, -32050, -32001, -32000})
    void acceptsServerDefinedCodesInTheReservedRange(int code) {
        ErrorCode defined = ErrorCode.serverDefined(code, "Custom");

        assertEquals(code, defined.code());
        assertEquals("Custom", defined.message());
    }

    @ParameterizedTest
    @ValueSource(ints = {-32100, -31999, -32700, -32603, 0, 1, Integer.MIN_VALUE})
    void refusesServerDefinedCodesOutsideTheReservedRange(int code) {
        IllegalArgumentException failure =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ErrorCode.serverDefined(code, "Custom"));

        assertTrue(failure.getMessage().contains(Integer.toString(code)), failure.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  "})
    void refusesBlankMessage(String message) {
        assertThrows(IllegalArgumentException.class, () -> new ErrorCode(-32000, message));
    }

    @Test
    void refusesMissingMessage() {
        assertThrows(IllegalArgumentException.class, () -> new ErrorCode(-32000, null));
    }
}
