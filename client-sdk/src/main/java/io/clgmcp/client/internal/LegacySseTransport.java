package io.clgmcp.client.internal;

import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import java.net.URI;
import java.time.Duration;

/**
 * The MCP 2024-11-05 "HTTP with SSE" transport: a {@code GET} stream whose {@code endpoint} event
 * names the URL (relative to the stream's) that every message is POSTed to as bare JSON-RPC, and
 * whose {@code message} events carry what the server sends. It serves our server ({@code /sse},
 * POSTs to {@code /sse/message?connectionId=...}) and the official SDKs' servers ({@code
 * /messages?sessionId=...}) alike. An endpoint of another origin than the stream's is refused, as
 * the official SDKs' clients refuse it: the bearer token goes with every POST.
 *
 * <p>A stream that ends is replaced by a new connection (the server's session ended with it); the
 * inbound hears {@code onLost} once for each. Once the server has shown that it sends heartbeats
 * (ours opens with a {@code connected} event and sends {@code heartbeat} events) the stream is also
 * replaced when 2.5 heartbeat intervals pass without an event; servers that send none (the official
 * SDKs') are never taken for silent.
 */
public final class LegacySseTransport extends SseTransport<URI> {
    private final Duration heartbeat;

    /** {@code settings.url()} is the SSE stream's URL, such as {@code http://host/sse}. */
    public LegacySseTransport(HttpSettings settings) {
        this(settings, DEFAULT_HEARTBEAT);
    }

    /**
     * @param heartbeat the interval to expect between events once the server has sent a heartbeat
     */
    LegacySseTransport(HttpSettings settings, Duration heartbeat) {
        super(settings, settings.url(), "mcp-client-legacy-sse", "an endpoint event", null);
        this.heartbeat = heartbeat;
    }

    @Override
    public void send(JsonRpcMessage message) {
        SseStream<URI> stream = current();
        URI endpoint = stream.value();
        post(stream, endpoint, JsonRpcCodec.encode(message), "POST " + endpoint.getRawPath());
    }

    /** The URL messages are POSTed to now, waiting while reconnecting; for tests. */
    URI endpoint() {
        return current().value();
    }

    @Override
    void onEvent(SseStream<URI> stream, SseReader.Event event) {
        switch (event.type()) {
            case "endpoint" -> {
                if (!stream.isReady()) {
                    URI endpoint = sseUri().resolve(event.data().strip());
                    if (sameOrigin(endpoint, sseUri())) {
                        stream.ready(endpoint);
                    } else {
                        // The token goes with every POST: never to a host the user did not name.
                        stream.abort(
                                "the endpoint event names "
                                        + endpoint
                                        + ", not a URL of the stream's origin");
                    }
                }
            }
            case "message" -> deliver(event);
            // Our server opens with "connected" and sends "heartbeat" events: from then on,
            // silence means a dead connection.
            case "connected", "heartbeat" -> {
                if (!stream.heartbeatsExpected()) {
                    stream.expectHeartbeats(heartbeat);
                }
            }
            default -> {} // anything newer
        }
    }

    /** Whether two absolute URLs have the same scheme, host and port. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    @Override
    public String toString() {
        return "LegacySseTransport[" + sseUri() + "]";
    }
}
