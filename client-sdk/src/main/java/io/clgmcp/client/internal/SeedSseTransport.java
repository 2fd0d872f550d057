package io.clgmcp.client.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.McpException;
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
public final class SeedSseTransport implements ClientTransport {
    private static final System.Logger LOG = System.getLogger(SeedSseTransport.class.getName());
    private static final String PATH = "/sse";
    private static final String WHAT = "POST " + PATH;

    private final URI sseUri;
    private final Duration heartbeat;
    private final SseReconnect<String> connection;
    private volatile Inbound inbound;

    /** {@code settings.url()} is the server's base URL or its {@code /sse} URL. */
    public SeedSseTransport(HttpSettings settings) {
        this(settings, SseReconnect.DEFAULT_HEARTBEAT);
    }

    /**
     * @param heartbeat the heartbeat interval to expect when the server announces none
     */
    SeedSseTransport(HttpSettings settings, Duration heartbeat) {
        this.sseUri = sseUri(settings.url());
        this.heartbeat = heartbeat;
        this.connection =
                new SseReconnect<>(
                        settings,
                        sseUri,
                        "mcp-client-sse",
                        "a connection id",
                        heartbeat,
                        this::onEvent);
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
    public void start(Inbound inbound) {
        this.inbound = inbound;
        connection.start(inbound);
    }

    @Override
    public void send(JsonRpcMessage message) {
        SseReconnect.Stream<String> stream = connection.current();
        JsonObject body = JsonRpcCodec.toJson(message);
        body.addProperty("protocol", "sse");
        body.addProperty("connectionId", stream.value());
        connection.post(stream, sseUri, JsonRpcCodec.toText(body), WHAT);
    }

    @Override
    public boolean canReceivePush() {
        return true;
    }

    @Override
    public void close() {
        connection.close();
    }

    /** The thread reading the stream; for tests. */
    Thread readerThread() {
        return connection.readerThread();
    }

    /** The connection id sends use now, waiting while reconnecting; for tests. */
    String connectionId() {
        return connection.current().value();
    }

    private void onEvent(SseReconnect.Stream<String> stream, SseReader.Event event) {
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

    private void connected(SseReconnect.Stream<String> stream, String data) {
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

    private void deliver(SseReader.Event event) {
        JsonRpcMessage message;
        try {
            JsonElement value = JsonRpcCodec.parse(event.data());
            if (value.isJsonObject()) {
                JsonObject object = value.getAsJsonObject();
                object.remove("protocol");
                object.remove("connectionId");
                object.remove("timestamp");
            }
            message = JsonRpcCodec.decode(value);
        } catch (McpException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "ignoring a {0} event that is no JSON-RPC message: {1}",
                    event.type(),
                    e.getMessage());
            return;
        }
        inbound.onMessage(message);
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
        return "SeedSseTransport[" + sseUri + ", heartbeat " + heartbeat.toMillis() + " ms]";
    }
}
