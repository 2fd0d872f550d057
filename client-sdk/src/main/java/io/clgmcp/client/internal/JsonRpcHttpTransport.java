package io.clgmcp.client.internal;

import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * JSON-RPC over plain HTTP POST: each message is one POST to the server's URL, and a request's
 * response is that POST's body. The server cannot push anything.
 */
final class JsonRpcHttpTransport implements ClientTransport {
    private final HttpSettings settings;
    private volatile Inbound inbound;

    JsonRpcHttpTransport(HttpSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start(Inbound inbound) {
        this.inbound = inbound;
    }

    @Override
    public void send(JsonRpcMessage message) {
        HttpRequest request =
                settings.request(settings.url())
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(JsonRpcCodec.encode(message)))
                        .build();
        HttpResponse<String> response = Http.exchange(settings, request);
        int status = response.statusCode();
        if (status == 202 || status == 204) {
            return;
        }
        if (status != 200) {
            throw HttpSettings.unexpected(status, response.body(), "the server");
        }
        if (message instanceof JsonRpcRequest) {
            StreamMessages.deliverJson(response.body(), inbound);
        }
    }

    @Override
    public void close() {}
}
