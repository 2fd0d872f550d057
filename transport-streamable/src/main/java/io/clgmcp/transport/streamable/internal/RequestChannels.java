package io.clgmcp.transport.streamable.internal;

import com.google.gson.JsonPrimitive;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids of request channels, {@code <instance>~<random>~<request id>}: the instance running the
 * request, a random part that tells the channel from the session's others, and the request's id
 * (its JSON, URL-safe base64). They are no secret, as the session id guards them all. An instance
 * that resumes such a channel for a client can tell whose call it waits for, and answer the request
 * itself once that instance is gone.
 */
final class RequestChannels {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Whose request a channel carries, and which. */
    record Request(String instance, JsonRpcId id) {}

    private RequestChannels() {}

    static String id(String instance, JsonRpcId request) {
        return instance
                + "~"
                + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + "~"
                + ENCODER.encodeToString(
                        JsonRpcCodec.toText(request.toJson()).getBytes(StandardCharsets.UTF_8));
    }

    /** The request of a channel id this class made; empty for any other. */
    static Optional<Request> requestOf(String channelId) {
        String[] parts = channelId.split("~", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            String json = new String(DECODER.decode(parts[2]), StandardCharsets.UTF_8);
            if (JsonRpcCodec.parse(json) instanceof JsonPrimitive id) {
                return Optional.of(new Request(parts[0], JsonRpcId.fromJson(id)));
            }
        } catch (RuntimeException notOurs) {
            // an id from elsewhere: no request to speak of
        }
        return Optional.empty();
    }
}
