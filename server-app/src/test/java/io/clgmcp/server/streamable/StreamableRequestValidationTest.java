package io.clgmcp.server.streamable;

import static io.clgmcp.server.streamable.McpHttp.assertRpcError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.clgmcp.server.ServerFixture;
import io.clgmcp.server.TestServer.Reply;
import io.clgmcp.server.TestTools;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code POST /mcp}: what the transport refuses before any MCP method is called. */
@Timeout(60)
class StreamableRequestValidationTest {
    @RegisterExtension final ServerFixture servers = new ServerFixture();
    private McpHttp mcp;

    @BeforeEach
    void start() throws Exception {
        mcp = new McpHttp(servers.start(Map.of("MCP_MAX_BODY_BYTES", "1024"), TestTools.echo()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "application/json, text/event-stream",
                "text/event-stream;q=0.5, application/json;q=0.9",
                "*/*",
                "application/*, text/*",
                "APPLICATION/JSON, TEXT/EVENT-STREAM"
            })
    void acceptsAnAcceptHeaderAllowingJsonAndEventStreams(String accept) throws Exception {
        Reply reply = mcp.postAccepting(accept, null, McpHttp.initializeRequest(1, "2025-06-18"));

        McpHttp.result(reply, 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "text/event-stream", "text/html", "application/*"})
    void refusesAnAcceptHeaderMissingJsonOrEventStreamsWith406(String accept) throws Exception {
        Reply reply = mcp.postAccepting(accept, null, McpHttp.initializeRequest(1, "2025-06-18"));

        assertRpcError(reply, 406, -32600);
    }

    @Test
    void refusesAPostWithoutAcceptWith406() throws Exception {
        Reply reply = mcp.postAccepting(null, null, McpHttp.initializeRequest(1, "2025-06-18"));

        assertRpcError(reply, 406, -32600);
    }

    @Test
    void refusesABodyThatIsNotJsonWith415() throws Exception {
        byte[] body = McpHttp.ping(1).getBytes(StandardCharsets.UTF_8);

        Reply reply = mcp.postRaw("text/plain", body);

        assertRpcError(reply, 415, -32600);
    }

    @Test
    void acceptsJsonWithACharsetParameter() throws Exception {
        byte[] body = McpHttp.initializeRequest(4, "2025-06-18").getBytes(StandardCharsets.UTF_8);

        Reply reply = mcp.postRaw("application/json; charset=utf-8", body);

        McpHttp.result(reply, 4);
    }

    @Test
    void refusesABodyOverTheLimitWith413() throws Exception {
        String padded =
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\",\"pad\":\""
                        + "x".repeat(2000)
                        + "\"}";

        Reply reply = mcp.post(null, padded);

        assertRpcError(reply, 413, -32600);
    }

    @Test
    void refusesMalformedJsonAsAParseError() throws Exception {
        Reply reply = mcp.post(null, "{\"jsonrpc\":\"2.0\",\"id\":1,");

        assertRpcError(reply, 400, -32700);
    }

    @Test
    void refusesABodyThatIsNotUtf8AsAParseError() throws Exception {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        Reply reply = mcp.postRaw("application/json", body);

        assertRpcError(reply, 400, -32700);
    }

    @Test
    void refusesABatchAsAnInvalidRequest() throws Exception {
        Reply reply = mcp.post(null, "[" + McpHttp.ping(1) + "," + McpHttp.ping(2) + "]");

        assertRpcError(reply, 400, -32600);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
                "{\"id\":1,\"method\":\"ping\"}",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}",
                "{\"jsonrpc\":\"2.0\",\"id\":1}",
                "\"ping\""
            })
    void refusesAnInvalidJsonRpcMessageAsAnInvalidRequest(String message) throws Exception {
        Reply reply = mcp.post(null, message);

        assertRpcError(reply, 400, -32600);
    }

    @Test
    void namesTheRequestIdInTheErrorOfAnInvalidRequestThatHasOne() throws Exception {
        Reply reply = mcp.post(null, "{\"jsonrpc\":\"1.0\",\"id\":41,\"method\":\"ping\"}");

        assertRpcError(reply, 400, -32600);
        assertEquals(41, reply.json().get("id").getAsInt(), reply::toString);
    }
}
