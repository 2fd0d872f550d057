package io.clgmcp.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.clgmcp.core.jsonrpc.JsonRpcNotification;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a request to the client and waits for its answer, as a handler does from its own thread. A
 * request the client's declared capabilities rule out fails at once; one that times out or is
 * interrupted is cancelled with {@code notifications/cancelled} so the client can stop too.
 */
final class ClientRequester {
    /** The capability a client must declare to be sent each method. */
    private static final Map<String, String> CAPABILITY =
            Map.of(
                    "sampling/createMessage", "sampling",
                    "elicitation/create", "elicitation",
                    "roots/list", "roots");

    private final Duration timeout;

    ClientRequester(Duration timeout) {
        this.timeout = timeout;
    }

    JsonObject request(Session session, MessageSink sink, String method, JsonObject params)
            throws ClientRequestException, InterruptedException {
        if (!session.canPush()) {
            throw new ClientRequestException(
                    "this transport cannot carry requests to the client; use Streamable HTTP or"
                            + " SSE");
        }
        String capability = CAPABILITY.get(method);
        if (capability != null && !session.clientCan(capability)) {
            throw new ClientRequestException(
                    "the client did not declare the \"" + capability + "\" capability");
        }
        if (session.isClosed()) {
            throw new ClientRequestException("the client has gone");
        }
        ClientRequests.Pending pending = session.clientRequests().open();
        sink.send(new JsonRpcRequest(pending.id(), method, params));
        JsonRpcResponse response;
        try {
            response = pending.response().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            giveUp(session, sink, pending, "timed out");
            throw new ClientRequestException(
                    "the client did not answer "
                            + method
                            + " within "
                            + timeout.toMillis()
                            + " ms");
        } catch (InterruptedException e) {
            // The call was cancelled, so its own sink takes nothing more: tell the client on the
            // session's.
            giveUp(session, session.outbound(), pending, "the tool call was cancelled");
            throw e;
        } catch (CancellationException e) {
            throw new ClientRequestException("the client went away before answering " + method);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a client response future never fails", e);
        }
        if (response.isError()) {
            throw new ClientRequestException(
                    "the client refused " + method + ": " + response.error().message(),
                    response.error());
        }
        JsonElement result = response.result();
        if (!result.isJsonObject()) {
            throw new ClientRequestException(
                    "the client's result for " + method + " is not an object");
        }
        return result.getAsJsonObject();
    }

    private static void giveUp(
            Session session, MessageSink sink, ClientRequests.Pending pending, String reason) {
        session.clientRequests().abandon(pending.id());
        JsonObject params = new JsonObject();
        params.add("requestId", pending.id().toJson());
        params.addProperty("reason", reason);
        sink.send(new JsonRpcNotification("notifications/cancelled", params));
    }
}
