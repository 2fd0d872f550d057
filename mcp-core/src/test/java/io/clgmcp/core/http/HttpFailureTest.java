package io.clgmcp.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.McpException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HttpFailureTest {

    @Test
    void writesJsonRpcErrorWithNullIdWhenTheIdIsUnknown() {
        HttpFailure failure =
                HttpFailure.jsonRpc(
                        400, null, new McpException(ErrorCode.PARSE_ERROR, "not valid JSON"));

        assertEquals(400, failure.status());
        assertEquals(
                "{\"jsonrpc\":\"2.0\",\"id\":null,"
                        + "\"error\":{\"code\":-32700,\"message\":\"Parse error: not valid JSON\"}}",
                failure.body());
    }

    @Test
    void writesJsonRpcErrorEchoingTheRequestId() {
        HttpFailure failure =
                HttpFailure.jsonRpc(
                        404,
                        JsonRpcId.of("007"),
                        new McpException(ErrorCode.CONNECTION_NOT_FOUND, "expired"));

        assertEquals(404, failure.status());
        assertEquals(
                "{\"jsonrpc\":\"2.0\",\"id\":\"007\","
                        + "\"error\":{\"code\":-32001,\"message\":\"Connection not found: expired\"}}",
                failure.body());
    }

    @Test
    void writesJsonRpcErrorData() {
        HttpFailure failure =
                HttpFailure.jsonRpc(
                        503,
                        JsonRpcId.of(9),
                        new McpException(
                                ErrorCode.SERVER_BUSY,
                                "retry later",
                                JsonParser.parseString("{\"retryAfter\":5}")));

        assertEquals(
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"error\":{\"code\":-32000,"
                        + "\"message\":\"Server busy: retry later\",\"data\":{\"retryAfter\":5}}}",
                failure.body());
    }

    @Test
    void writesPlainFailureWithErrorMessageAndTimestamp() {
        HttpFailure failure = HttpFailure.of(401, "Unauthorized", "missing bearer token");

        JsonObject body = JsonParser.parseString(failure.body()).getAsJsonObject();

        assertEquals(401, failure.status());
        assertEquals(Set.of("error", "message", "timestamp"), body.keySet());
        assertEquals(new JsonPrimitive("Unauthorized"), body.get("error"));
        assertEquals(new JsonPrimitive("missing bearer token"), body.get("message"));
        JsonPrimitive timestamp = body.getAsJsonPrimitive("timestamp");
        assertTrue(timestamp.isNumber(), "timestamp must be a number");
        assertTrue(
                timestamp.getAsString().matches("[1-9][0-9]*"),
                "timestamp must be epoch milliseconds: " + timestamp);
    }

    @Test
    void escapesTextInPlainFailure() {
        HttpFailure failure = HttpFailure.of(403, "Forbidden", "no \"admin\" role\n");

        JsonObject body = JsonParser.parseString(failure.body()).getAsJsonObject();

        assertEquals("no \"admin\" role\n", body.get("message").getAsString());
    }
}
