package io.clgmcp.transport.stdio.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.MessageSink;
import io.clgmcp.core.Replies;
import io.clgmcp.core.Session;
import io.clgmcp.core.internal.StrictUtf8;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import io.clgmcp.core.jsonrpc.McpException;
import java.nio.charset.CharacterCodingException;

/**
 * Turns each line of input into messages for the server. A line that is not UTF-8 JSON is answered
 * with a parse error (-32700, id null), one that is JSON but no message with -32600 (naming its id
 * when it has one), a line over the limit with -32600; blank lines are skipped. A batch gets one
 * array of responses, written once every request in it is answered; what its requests send
 * meanwhile (progress, requests to the client) goes out at once. Nothing here waits for a handler.
 */
final class InboundLines {
    private final McpServer server;
    private final Session session;
    private final LineWriter out;
    private final int maxLineBytes;
    private volatile boolean refusingRequests;

    InboundLines(McpServer server, Session session, LineWriter out, int maxLineBytes) {
        this.server = server;
        this.session = session;
        this.out = out;
        this.maxLineBytes = maxLineBytes;
    }

    void accept(LineReader.Line line) {
        if (line.isTooLong()) {
            out.send(
                    failure(
                            null,
                            new McpException(
                                    ErrorCode.INVALID_REQUEST,
                                    "a line may hold at most " + maxLineBytes + " bytes")));
            return;
        }
        JsonElement value;
        try {
            String text = utf8(line.bytes());
            if (text.isBlank()) {
                return;
            }
            value = JsonRpcCodec.parse(text);
        } catch (McpException e) {
            out.send(failure(null, e));
            return;
        }
        if (value.isJsonArray() && !value.getAsJsonArray().isEmpty()) {
            batch(value.getAsJsonArray());
        } else {
            single(value);
        }
    }

    /** From now on requests are answered at once with {@link ErrorCode#SHUTTING_DOWN}. */
    void refuseRequests() {
        refusingRequests = true;
    }

    private void single(JsonElement value) {
        try {
            receive(JsonRpcCodec.decode(value), out);
        } catch (McpException e) {
            out.send(failure(JsonRpcCodec.idOf(value), e));
        }
    }

    private void batch(JsonArray elements) {
        Replies replies = new Replies();
        for (JsonElement element : elements) {
            try {
                JsonRpcMessage message = JsonRpcCodec.decode(element);
                receive(message, message instanceof JsonRpcRequest ? replies.slot(out) : out);
            } catch (McpException e) {
                replies.add(failure(JsonRpcCodec.idOf(element), e));
            }
        }
        if (!replies.isEmpty()) {
            replies.seal().thenAccept(out::sendAll);
        }
    }

    private void receive(JsonRpcMessage message, MessageSink replies) {
        if (refusingRequests && message instanceof JsonRpcRequest request) {
            replies.send(
                    failure(
                            request.id(),
                            new McpException(ErrorCode.SHUTTING_DOWN, "the server is stopping")));
            return;
        }
        server.receive(session, message, replies);
    }

    private static JsonRpcResponse failure(JsonRpcId id, McpException e) {
        return JsonRpcResponse.failure(id, e.toError());
    }

    private static String utf8(byte[] bytes) {
        try {
            return StrictUtf8.decode(bytes);
        } catch (CharacterCodingException e) {
            throw new McpException(ErrorCode.PARSE_ERROR, "the line is not valid UTF-8");
        }
    }
}
