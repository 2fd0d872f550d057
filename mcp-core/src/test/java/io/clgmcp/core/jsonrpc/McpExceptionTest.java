package io.clgmcp.core.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class McpExceptionTest {

    @Test
    void becomesErrorWithStandardMessageFollowedByDetail() {
        JsonRpcError error = new McpException(ErrorCode.INVALID_PARAMS, "missing 'name'").toError();

        assertEquals(-32602, error.code());
        assertEquals("Invalid params: missing 'name'", error.message());
        assertNull(error.data());
    }

    @Test
    void carriesDataIntoTheError() {
        JsonRpcError error =
                new McpException(
                                ErrorCode.SERVER_BUSY,
                                "retry later",
                                JsonParser.parseString("{\"retryAfter\":5}"))
                        .toError();

        assertEquals(-32000, error.code());
        assertEquals("Server busy: retry later", error.message());
        assertEquals(JsonParser.parseString("{\"retryAfter\":5}"), error.data());
    }

    @Test
    void recordsNoStackTrace() {
        McpException failure = new McpException(ErrorCode.INTERNAL_ERROR, "boom");

        assertEquals(0, failure.getStackTrace().length);
        assertEquals(ErrorCode.INTERNAL_ERROR, failure.code());
    }
}
