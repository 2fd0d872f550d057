package io.clgmcp.bench.jmh;

import com.google.gson.JsonElement;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.MessageSink;
import io.clgmcp.core.Session;
import io.clgmcp.core.http.JsonBody;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What {@code JsonRpcServlet} does with a POSTed body, without HTTP and with the same calls into
 * core: read the body as {@code McpRequests.json} does, decode each message, hand it to the server
 * with one {@link Session#ephemeral()} per POST (a single request with {@link
 * McpServer#receiveHere}, a batch's with {@link McpServer#receive}), wait for the responses and
 * write them as the reply body. Only valid requests are expected; a refusal or an invalid message
 * fails loudly.
 */
final class RpcPost {
    /** The server's default {@code MCP_MAX_BODY_BYTES}. */
    private static final int MAX_BODY_BYTES = 4 << 20;

    private final McpServer server;

    RpcPost(McpServer server) {
        this.server = server;
    }

    /** The reply body for a request body: one response, or an array for a batch. */
    byte[] answer(byte[] body) {
        JsonElement json = read(body);
        Session session = Session.ephemeral();
        if (!json.isJsonArray()) {
            return write(dispatchHere(session, JsonRpcCodec.decode(json)).join());
        }
        List<CompletableFuture<JsonRpcResponse>> replies = new ArrayList<>();
        for (JsonElement element : json.getAsJsonArray()) {
            replies.add(dispatch(session, JsonRpcCodec.decode(element)));
        }
        return write(replies.stream().map(CompletableFuture::join).toList());
    }

    /** The body as one JSON value: content type, size limit, strict UTF-8, strict JSON. */
    static JsonElement read(byte[] body) {
        try {
            return JsonRpcCodec.parse(
                    JsonBody.read(
                            "application/json",
                            body.length,
                            new ByteArrayInputStream(body),
                            MAX_BODY_BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JsonBody.Refused e) {
            throw new IllegalArgumentException("the body was refused: " + e.getMessage(), e);
        }
    }

    /** The response the server sends for a request run on a worker, as a batch's are. */
    CompletableFuture<JsonRpcResponse> dispatch(Session session, JsonRpcMessage request) {
        CompletableFuture<JsonRpcResponse> reply = new CompletableFuture<>();
        server.receive(session, request, responseTo(reply));
        return reply;
    }

    /** The response to a request run on this thread if a slot is free, as a single one is. */
    CompletableFuture<JsonRpcResponse> dispatchHere(Session session, JsonRpcMessage request) {
        CompletableFuture<JsonRpcResponse> reply = new CompletableFuture<>();
        server.receiveHere(session, request, responseTo(reply));
        return reply;
    }

    private static MessageSink responseTo(CompletableFuture<JsonRpcResponse> reply) {
        return message -> {
            if (message instanceof JsonRpcResponse response) {
                reply.complete(response);
            }
        };
    }

    static byte[] write(JsonRpcResponse response) {
        return JsonRpcCodec.encode(response).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] write(List<JsonRpcResponse> responses) {
        return JsonRpcCodec.encodeBatch(responses).getBytes(StandardCharsets.UTF_8);
    }
}
