package io.clgmcp.client.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.McpException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Decodes the JSON-RPC message (or batch) that a reply body or an event's data carries. */
final class StreamMessages {
    private StreamMessages() {}

    /** The messages of a text; empty when it is not JSON-RPC at all. */
    static Optional<List<JsonRpcMessage>> decode(String text) {
        try {
            JsonElement json = JsonParser.parseString(text);
            List<JsonRpcMessage> messages = new ArrayList<>();
            if (json.isJsonArray()) {
                json.getAsJsonArray().forEach(each -> messages.add(JsonRpcCodec.decode(each)));
            } else {
                messages.add(JsonRpcCodec.decode(json));
            }
            return Optional.of(messages);
        } catch (JsonParseException | McpException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    /** Delivers the messages of a JSON reply body, which must hold some. */
    static void deliverJson(String body, ClientTransport.Inbound inbound) {
        decode(body)
                .orElseThrow(
                        () ->
                                new McpTransportFailure(
                                        200, "the server answered with no JSON-RPC message"))
                .forEach(inbound::onMessage);
    }
}
