package io.clgmcp.transport.jsonrpc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.clgmcp.transport.jsonrpc.TestServer;
import io.clgmcp.transport.jsonrpc.TestServer.Gate;
import io.clgmcp.transport.jsonrpc.TestServer.Reply;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class JsonRpcServletTest {
    private static final int LIMIT = 1024;
    private static final String JSON = "application/json";

    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(LIMIT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Nested
    class SingleMessages {
        @ParameterizedTest
        @ValueSource(strings = {"/rpc", "/"})
        void answersRequestOnRpcPathAndContextRoot(String path) {
            Reply reply = server.post(path, request("1", "ping"));

            assertEquals(200, reply.status());
            assertEquals(JSON, reply.mediaType());
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", reply.body());
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "\"abc-123\"",
                    "\"0\"",
                    "\"\"",
                    "7",
                    "0",
                    "-5",
                    "12345678901234567890",
                    "-98765432109876543210"
                })
        void echoesIdExactlyAsSent(String id) {
            Reply reply = server.post(request(id, "ping"));

            assertEquals(200, reply.status());
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":{}}", reply.body());
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "application/json; charset=utf-8",
                    "application/json;charset=UTF-8",
                    "Application/JSON"
                })
        void acceptsJsonContentTypeInAnySpelling(String contentType) {
            Reply reply =
                    server.post("/rpc", contentType, BodyPublishers.ofString(request("2", "ping")));

            assertEquals(200, reply.status());
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":{}}", reply.body());
        }

        @Test
        void callsToolWithUnicodeTextIntact() {
            String text = "Généalogie ✓ 家系 \uD83C\uDF33";

            Reply reply = server.post(call("\"e\"", "echo", "{\"text\":\"" + text + "\"}"));

            assertEquals(200, reply.status());
            JsonObject result = result(reply.object(), "\"e\"");
            assertFalse(result.get("isError").getAsBoolean());
            assertEquals(text, textOf(result));
        }

        @Test
        void answersInitializeWithServerInfo() {
            Reply reply =
                    server.post(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                                    + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},"
                                    + "\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}}");

            assertEquals(200, reply.status());
            JsonObject result = result(reply.object(), "1");
            assertEquals("2025-06-18", result.get("protocolVersion").getAsString());
            assertEquals(
                    "clg-mcp-test", result.getAsJsonObject("serverInfo").get("name").getAsString());
        }

        @Test
        void listsToolsOfTheServer() {
            Reply reply = server.post(request("\"list\"", "tools/list"));

            assertEquals(200, reply.status());
            List<String> names = new ArrayList<>();
            for (JsonElement tool : result(reply.object(), "\"list\"").getAsJsonArray("tools")) {
                names.add(tool.getAsJsonObject().get("name").getAsString());
            }
            assertEquals(List.of("echo", "block", "fail"), names);
        }

        @Test
        void answersUnknownMethodWithMethodNotFound() {
            Reply reply = server.post(request("\"m-1\"", "genealogy/unknown"));

            assertEquals(200, reply.status());
            assertEquals(JSON, reply.mediaType());
            assertError(reply.object(), -32601, "\"m-1\"");
        }

        @Test
        void answersUnknownToolWithInvalidParams() {
            Reply reply = server.post(call("5", "no-such-tool", "{}"));

            assertEquals(200, reply.status());
            assertError(reply.object(), -32602, "5");
        }

        @Test
        void answersMissingRequiredArgumentWithInvalidParams() {
            Reply reply = server.post(call("6", "echo", "{}"));

            assertEquals(200, reply.status());
            assertError(reply.object(), -32602, "6");
        }

        @Test
        void answersArrayParamsWithInvalidParams() {
            Reply reply =
                    server.post(
                            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\",\"params\":[1]}");

            assertEquals(200, reply.status());
            assertError(reply.object(), -32602, "3");
        }

        @Test
        void answersFailingToolWithErrorResult() {
            Reply reply = server.post(call("8", "fail", "{}"));

            assertEquals(200, reply.status());
            JsonObject result = result(reply.object(), "8");
            assertTrue(result.get("isError").getAsBoolean());
            assertTrue(textOf(result).contains("the archive is offline"), reply.body());
        }

        @Test
        void answersSingleNotificationWithEmptyAccepted() {
            Reply reply = server.post(notification("notifications/initialized"));

            assertEquals(202, reply.status());
            assertEquals("", reply.body());
        }

        @Test
        void acceptsResponseFromClientWithoutAnswering() {
            Reply reply = server.post("{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}");

            assertEquals(202, reply.status());
            assertEquals("", reply.body());
        }
    }

    @Nested
    class Batches {
        @Test
        void answersEmptyBatchWithSingleInvalidRequest() {
            Reply reply = server.post("[]");

            assertEquals(400, reply.status());
            assertEquals(JSON, reply.mediaType());
            assertTrue(reply.json().isJsonObject(), () -> "not a single response: " + reply.body());
            assertError(reply.object(), -32600, "null");
        }

        @Test
        void answersBatchOfRequestsWithResponsesInOrder() {
            Reply reply =
                    server.post(
                            batch(
                                    request("1", "ping"),
                                    call("\"two\"", "echo", "{\"text\":\"hi\"}"),
                                    request("3", "tools/list")));

            assertEquals(200, reply.status());
            assertEquals(JSON, reply.mediaType());
            JsonArray responses = reply.array();
            assertEquals(3, responses.size(), reply.body());
            assertEquals(new JsonObject(), result(responses.get(0), "1"));
            assertEquals("hi", textOf(result(responses.get(1), "\"two\"")));
            assertTrue(result(responses.get(2), "3").has("tools"));
        }

        @Test
        void keepsLongIdsInBatch() {
            Reply reply =
                    server.post(
                            batch(
                                    request("12345678901234567890", "ping"),
                                    request("\"12345678901234567890\"", "ping")));

            assertEquals(200, reply.status());
            assertEquals(
                    "[{\"jsonrpc\":\"2.0\",\"id\":12345678901234567890,\"result\":{}},"
                            + "{\"jsonrpc\":\"2.0\",\"id\":\"12345678901234567890\",\"result\":{}}]",
                    reply.body());
        }

        @Test
        void answersEachInvalidElementWithItsOwnError() {
            Reply reply = server.post("[1,2,3]");

            assertEquals(200, reply.status());
            JsonArray responses = reply.array();
            assertEquals(3, responses.size(), reply.body());
            for (JsonElement response : responses) {
                assertError(response, -32600, "null");
            }
        }

        @Test
        void answersBatchOfOneInvalidElementWithArray() {
            Reply reply = server.post("[1]");

            assertEquals(200, reply.status());
            JsonArray responses = reply.array();
            assertEquals(1, responses.size(), reply.body());
            assertError(responses.get(0), -32600, "null");
        }

        @Test
        void answersMixedBatchWithEntriesForRequestsAndInvalidElementsOnly() {
            Reply reply =
                    server.post(
                            batch(
                                    request("1", "ping"),
                                    "{\"foo\":\"bar\"}",
                                    notification("notifications/initialized"),
                                    "42",
                                    "{\"jsonrpc\":\"1.0\",\"id\":9,\"method\":\"ping\"}",
                                    request("\"x\"", "genealogy/unknown"),
                                    "[]",
                                    call("2", "echo", "{\"text\":\"last\"}")));

            assertEquals(200, reply.status());
            JsonArray responses = reply.array();
            assertEquals(7, responses.size(), reply.body());
            assertEquals(new JsonObject(), result(responses.get(0), "1"));
            assertError(responses.get(1), -32600, "null");
            assertError(responses.get(2), -32600, "null");
            assertError(responses.get(3), -32600, "9");
            assertError(responses.get(4), -32601, "\"x\"");
            assertError(responses.get(5), -32600, "null");
            assertEquals("last", textOf(result(responses.get(6), "2")));
        }

        @Test
        void answersAllNotificationBatchWithEmptyAccepted() {
            Reply reply =
                    server.post(
                            batch(
                                    notification("notifications/initialized"),
                                    notification("notifications/cancelled")));

            assertEquals(202, reply.status());
            assertEquals("", reply.body());
        }
    }

    @Nested
    class BadInput {
        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{",
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"",
                    "[1,2",
                    "{'jsonrpc':'2.0','id':1,'method':'ping'}",
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"} {}",
                    "{\"jsonrpc\":\"2.0\",\"id\":1,}",
                    "NaN",
                    "",
                    "   "
                })
        void answersMalformedJsonWithParseError(String body) {
            Reply reply = server.post(body);

            assertEquals(400, reply.status());
            assertEquals(JSON, reply.mediaType());
            assertError(reply.object(), -32700, "null");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "{\"foo\":1}",
                    "42",
                    "\"ping\"",
                    "null",
                    "true",
                    "{}",
                    "{\"jsonrpc\":\"2.0\"}",
                    "{\"id\":1,\"method\":\"ping\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}",
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}"
                })
        void answersJsonThatIsNoMessageWithInvalidRequest(String body) {
            Reply reply = server.post(body);

            assertEquals(400, reply.status());
            assertEquals(JSON, reply.mediaType());
            JsonObject response = reply.object();
            assertEquals(-32600, response.getAsJsonObject("error").get("code").getAsInt());
        }

        @Test
        void answersInvalidRequestWithItsIdWhenReadable() {
            Reply reply = server.post("{\"jsonrpc\":\"1.0\",\"id\":\"old\",\"method\":\"ping\"}");

            assertEquals(400, reply.status());
            assertError(reply.object(), -32600, "\"old\"");
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(
                strings = {
                    "text/plain",
                    "application/x-www-form-urlencoded",
                    "application/jsonx",
                    "text/json",
                    "application/json-patch+json"
                })
        void refusesBodyThatIsNotDeclaredJson(String contentType) {
            Reply reply =
                    server.post("/rpc", contentType, BodyPublishers.ofString(request("1", "ping")));

            assertEquals(415, reply.status());
            assertEquals(JSON, reply.mediaType());
            assertJsonRpcError(reply);
        }

        @Test
        void acceptsBodyOfExactlyTheLimit() {
            byte[] body = padded(request("1", "ping"), LIMIT);

            Reply reply = server.post("/rpc", JSON, BodyPublishers.ofByteArray(body));

            assertEquals(200, reply.status());
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}", reply.body());
        }

        @Test
        void refusesBodyOverTheLimitWithContentLength() {
            byte[] body = padded(request("1", "ping"), LIMIT + 1);

            Reply reply = server.post("/rpc", JSON, BodyPublishers.ofByteArray(body));

            assertEquals(413, reply.status());
            assertEquals(JSON, reply.mediaType());
            assertJsonRpcError(reply);
            // The small rest of the body was read and thrown away: the connection stays usable.
            assertEquals(Optional.empty(), reply.header("Connection"), reply::toString);
        }

        @Test
        void closesTheConnectionAfterRefusingABodyTooLargeToReadAway() {
            byte[] body = padded(request("1", "ping"), LIMIT + (1 << 20) + 1024);

            Reply reply = server.post("/rpc", JSON, BodyPublishers.ofByteArray(body));

            assertEquals(413, reply.status());
            // The rest of the body was left unread, so the connection cannot carry another request.
            assertEquals("close", reply.header("Connection").orElse(null), reply::toString);
        }

        @Test
        void measuresTheLimitInBytesNotCharacters() {
            String text = "é".repeat(500);
            String json = call("1", "echo", "{\"text\":\"" + text + "\"}");
            assertTrue(json.length() <= LIMIT);
            assertTrue(json.getBytes(StandardCharsets.UTF_8).length > LIMIT);

            Reply reply = server.post(json);

            assertEquals(413, reply.status());
            assertJsonRpcError(reply);
        }

        @Test
        void refusesChunkedBodyOverTheLimit() {
            byte[] body = padded(request("1", "ping"), 4 * LIMIT);

            Reply reply = server.post("/rpc", JSON, chunked(body));

            assertEquals(413, reply.status());
            assertEquals(JSON, reply.mediaType());
            assertJsonRpcError(reply);
        }

        @Test
        void acceptsChunkedBodyWithinTheLimit() {
            byte[] body = request("4", "ping").getBytes(StandardCharsets.UTF_8);

            Reply reply = server.post("/rpc", JSON, chunked(body));

            assertEquals(200, reply.status());
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":4,\"result\":{}}", reply.body());
        }

        @ParameterizedTest
        @ValueSource(strings = {"c328", "ff", "c0af", "eda080", "e282", "f4908080"})
        void answersInvalidUtf8WithParseError(String hex) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(
                    "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\""
                            .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(HexFormat.of().parseHex(hex));
            body.writeBytes("\"}}}".getBytes(StandardCharsets.UTF_8));

            Reply reply = server.post("/rpc", JSON, BodyPublishers.ofByteArray(body.toByteArray()));

            assertEquals(400, reply.status());
            assertEquals(JSON, reply.mediaType());
            assertError(reply.object(), -32700, "null");
        }

        @Test
        void neverAnswersWithStackTrace() {
            List<Reply> replies =
                    List.of(
                            server.post(call("1", "fail", "{}")),
                            server.post("{\"jsonrpc\":"),
                            server.post("[1,{},null]"),
                            server.post(
                                    "/rpc",
                                    JSON,
                                    BodyPublishers.ofByteArray(HexFormat.of().parseHex("7bff7d"))),
                            server.post("/rpc", JSON, chunked(new byte[3 * LIMIT])),
                            server.post("/rpc", "text/plain", BodyPublishers.ofString("{\"a\":1}")),
                            server.send("GET", "/rpc"));

            for (Reply reply : replies) {
                assertFalse(reply.body().isEmpty());
                assertFalse(reply.body().contains("at io.clgmcp"), reply.body());
                assertFalse(reply.body().contains("Exception"), reply.body());
                reply.json();
            }
        }
    }

    @Nested
    class HttpMethods {
        @ParameterizedTest
        @CsvSource({"GET,/rpc", "GET,/", "PUT,/rpc", "DELETE,/rpc", "PATCH,/"})
        void refusesOtherMethodsNamingPostAsAllowed(String method, String path) {
            Reply reply = server.send(method, path);

            assertEquals(405, reply.status());
            assertEquals(JSON, reply.mediaType());
            assertTrue(reply.object().get("error").isJsonPrimitive(), reply.body());
            assertTrue(
                    reply.header("Allow").orElse("").contains("POST"),
                    () -> "Allow: " + reply.header("Allow"));
        }

        @Test
        void answersOptionsWithAllowedMethods() {
            Reply reply = server.send("OPTIONS", "/rpc");

            assertEquals(204, reply.status());
            String allow = reply.header("Allow").orElse("");
            assertTrue(allow.contains("POST"), allow);
            assertTrue(allow.contains("OPTIONS"), allow);
        }
    }

    @Nested
    class Asynchrony {
        @Test
        void keepsAnsweringWhileMoreToolCallsBlockThanThereAreRequestThreads()
                throws InterruptedException {
            int calls = TestServer.MAX_THREADS + 2;
            Gate gate = server.gate("many", calls);
            List<CompletableFuture<Reply>> blocked = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                blocked.add(
                        server.postAsync(call("\"b" + i + "\"", "block", "{\"gate\":\"many\"}")));
            }
            gate.awaitStarted();

            Reply ping = server.post(request("\"meanwhile\"", "ping"));

            assertEquals(200, ping.status());
            assertEquals("{\"jsonrpc\":\"2.0\",\"id\":\"meanwhile\",\"result\":{}}", ping.body());
            for (CompletableFuture<Reply> call : blocked) {
                assertFalse(call.isDone(), "answered before the tool finished");
            }

            gate.open();

            for (int i = 0; i < calls; i++) {
                Reply reply = TestServer.await(blocked.get(i));
                assertEquals(200, reply.status());
                assertEquals(JSON, reply.mediaType());
                JsonObject result = result(reply.object(), "\"b" + i + "\"");
                assertFalse(result.get("isError").getAsBoolean(), reply.body());
                assertEquals("released many", textOf(result));
            }
        }

        @Test
        void answersBatchInRequestOrderWhenLaterCallsFinishFirst() throws InterruptedException {
            Gate first = server.gate("first", 1);
            Gate last = server.gate("last", 1);
            CompletableFuture<Reply> pending =
                    server.postAsync(
                            batch(
                                    call("1", "block", "{\"gate\":\"first\"}"),
                                    request("2", "ping"),
                                    notification("notifications/initialized"),
                                    call("3", "block", "{\"gate\":\"last\"}")));
            first.awaitStarted();
            last.awaitStarted();

            last.open();
            last.awaitFinished();
            assertFalse(pending.isDone(), "answered before every call finished");
            first.open();

            Reply reply = TestServer.await(pending);
            assertEquals(200, reply.status());
            JsonArray responses = reply.array();
            assertEquals(3, responses.size(), reply.body());
            assertEquals("released first", textOf(result(responses.get(0), "1")));
            assertEquals(new JsonObject(), result(responses.get(1), "2"));
            assertEquals("released last", textOf(result(responses.get(2), "3")));
        }
    }

    private static String request(String id, String method) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\"}";
    }

    private static String call(String id, String tool, String arguments) {
        return "{\"jsonrpc\":\"2.0\",\"id\":"
                + id
                + ",\"method\":\"tools/call\",\"params\":{\"name\":\""
                + tool
                + "\",\"arguments\":"
                + arguments
                + "}}";
    }

    private static String notification(String method) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}";
    }

    private static String batch(String... messages) {
        return "[" + String.join(",", messages) + "]";
    }

    /** The JSON text followed by spaces up to exactly {@code size} bytes. */
    private static byte[] padded(String json, int size) {
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        assertTrue(text.length <= size);
        return (json + " ".repeat(size - text.length)).getBytes(StandardCharsets.UTF_8);
    }

    /** A body sent with chunked transfer coding, as its length is not known in advance. */
    private static BodyPublisher chunked(byte[] body) {
        BodyPublisher publisher =
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
        assertEquals(-1, publisher.contentLength());
        return publisher;
    }

    /** The successful response's result, checking its id against the raw JSON expected. */
    private static JsonObject result(JsonElement response, String id) {
        assertTrue(response.isJsonObject(), () -> "not a response: " + response);
        JsonObject object = response.getAsJsonObject();
        assertEquals("2.0", object.get("jsonrpc").getAsString(), object::toString);
        assertEquals(id, String.valueOf(object.get("id")), object::toString);
        assertFalse(object.has("error"), object::toString);
        return object.getAsJsonObject("result");
    }

    /** Checks an error response's code and its id against the raw JSON expected. */
    private static void assertError(JsonElement response, int code, String id) {
        assertTrue(response.isJsonObject(), () -> "not a response: " + response);
        JsonObject object = response.getAsJsonObject();
        assertEquals("2.0", object.get("jsonrpc").getAsString(), object::toString);
        assertTrue(object.has("id"), object::toString);
        assertEquals(id, String.valueOf(object.get("id")), object::toString);
        assertFalse(object.has("result"), object::toString);
        JsonObject error = object.getAsJsonObject("error");
        assertEquals(code, error.get("code").getAsInt(), object::toString);
        assertTrue(error.get("message").getAsString().length() > 0, object::toString);
    }

    /** Checks that the whole body is a JSON-RPC error response about an unreadable message. */
    private static void assertJsonRpcError(Reply reply) {
        JsonObject object = reply.object();
        assertEquals("2.0", object.get("jsonrpc").getAsString(), reply.body());
        assertTrue(object.get("id").isJsonNull(), reply.body());
        assertTrue(object.getAsJsonObject("error").get("code").getAsInt() < 0, reply.body());
        assertTrue(object.getAsJsonObject("error").has("message"), reply.body());
    }

    private static String textOf(JsonObject toolResult) {
        return toolResult
                .getAsJsonArray("content")
                .get(0)
                .getAsJsonObject()
                .get("text")
                .getAsString();
    }
}
