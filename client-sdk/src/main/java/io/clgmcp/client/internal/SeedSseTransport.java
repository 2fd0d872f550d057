package io.clgmcp.client.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The seed SSE protocol ({@code docs/SSE.md}): {@code GET /sse} opens a stream whose {@code
 * connected} event names the connection; every message goes out as {@code POST /sse} with {@code
 * "protocol":"sse"} and that {@code "connectionId"} added, and what the server sends comes back as
 * {@code mcp-response} and {@code mcp-notification} events (a server's request to the client too).
 * A stream with no event for 2.5 heartbeat intervals, or one that ends, is replaced by a new
 * connection; the inbound hears {@code onLost} once for each.
 */
public final class SeedSseTransport extends SseTransport<String> {
    private static final String PATH = "/sse";
    private static final String WHAT = "POST " + PATH;

    private final Duration heartbeat;

    /** {@code settings.url()} is the server's base URL or its {@code /sse} URL. */
    public SeedSseTransport(HttpSettings settings) {
        this(settings, DEFAULT_HEARTBEAT);
    }

    /**
     * @param heartbeat the heartbeat interval to expect when the server announces none
     */
    SeedSseTransport(HttpSettings settings, Duration heartbeat) {
        super(settings, sseUri(settings.url()), "mcp-client-sse", "a connection id", heartbeat);
        this.heartbeat = heartbeat;
    }

    /** The {@code /sse} URL of a server given by its base URL or that URL itself. */
    static URI sseUri(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        if (path.endsWith(PATH)) {
            return url;
        }
        String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String query = url.getRawQuery() == null ? "" : "?" + url.getRawQuery();
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + base + PATH + query);
    }

    @Override
    public void send(JsonRpcMessage message) {
        SseStream<String> stream = current();
        JsonObject body = JsonRpcCodec.toJson(message);
        body.addProperty("protocol", "sse");
        body.addProperty("connectionId", stream.value());
        post(stream, sseUri(), JsonRpcCodec.toText(body), WHAT);
    }

    /** The connection id sends use now, waiting while reconnecting; for tests. */
    String connectionId() {
        return current().value();
    }

    @Override
    void onEvent(SseStream<String> stream, SseReader.Event event) {
        switch (event.type()) {
            case "connected" -> connected(stream, event.data());
            case "endpoint" -> {
                if (!stream.isReady()) {
                    String id = queryParameter(event.data().strip(), "connectionId");
                    if (id != null) {
                        stream.ready(id);
                    }
                }
            }
            // "message": what the server sends unasked before a POST /sse showed the dialect.
            case "mcp-response", "mcp-notification", "message" -> deliver(event);
            default -> {} // heartbeat, or anything newer
        }
    }

    /** Takes out what the seed protocol adds to every message. */
    @Override
    void unwrap(JsonElement message) {
        if (message.isJsonObject()) {
            JsonObject object = message.getAsJsonObject();
            object.remove("protocol");
            object.remove("connectionId");
            object.remove("timestamp");
        }
    }

    private void connected(SseStream<String> stream, String data) {
        JsonObject object = JsonRpcCodec.parse(data).getAsJsonObject();
        for (String name : new String[] {"heartbeatInterval", "heartbeatIntervalMs"}) {
            if (object.get(name) instanceof JsonPrimitive interval
                    && interval.isNumber()
                    && interval.getAsLong() > 0) {
                stream.expectHeartbeats(Duration.ofMillis(interval.getAsLong()));
            }
        }
        if (object.get("connectionId") instanceof JsonPrimitive id && id.isString()) {
            stream.ready(id.getAsString());
        }
    }

    private static String queryParameter(String url, String name) {
        int question = url.indexOf('?');
        if (question < 0) {
            return null;
        }
        for (String pair : url.substring(question + 1).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "SeedSseTransport[" + sseUri() + ", heartbeat " + heartbeat.toMillis() + " ms]";
    }
}
