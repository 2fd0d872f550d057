package io.clgmcp.client.internal;

import io.clgmcp.core.internal.DaemonThreads;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * MCP Streamable HTTP: every message is POSTed on its own; a request's answer comes back as JSON or
 * as an event stream, which this transport reads on a thread of its own. Should a stream end before
 * the response (the server closed it for polling, or it broke), the transport resumes it with
 * {@code GET} and {@code Last-Event-ID} after the announced {@code retry:} delay. After {@code
 * initialize} it also keeps the session's {@code GET} stream open, reconnecting the same way.
 */
final class StreamableHttpTransport implements ClientTransport {
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String VERSION_HEADER = "MCP-Protocol-Version";
    private static final long DEFAULT_RETRY_MILLIS = 1000;
    private static final long MAX_BACKOFF_MILLIS = 30_000;
    private static final int MAX_RESUME_ATTEMPTS = 10;

    private final HttpSettings settings;
    private final ExecutorService readers =
            Executors.newCachedThreadPool(DaemonThreads.named("mcp-client-stream"));
    private final Set<InputStream> open = ConcurrentHashMap.newKeySet();
    private volatile Inbound inbound;
    private volatile String sessionId;
    private volatile String protocolVersion;
    private volatile boolean closed;

    StreamableHttpTransport(HttpSettings settings) {
        this.settings = settings;
    }

    @Override
    public void start(Inbound inbound) {
        this.inbound = inbound;
    }

    /**
     * Opens the session's {@code GET} stream before returning, so that nothing the server sends
     * unasked right after the handshake is lost; it is then read, and reconnected, on a thread of
     * its own.
     */
    @Override
    public void negotiated(String version) {
        this.protocolVersion = version;
        Optional<HttpResponse<InputStream>> first = get(null);
        if (first.isPresent()) {
            readers.execute(() -> listen(first.get()));
        }
    }

    @Override
    public void send(JsonRpcMessage message) {
        HttpRequest request =
                headers(settings.request(settings.url()))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json, text/event-stream")
                        .POST(HttpRequest.BodyPublishers.ofString(JsonRpcCodec.encode(message)))
                        .build();
        HttpResponse<InputStream> response =
                Http.exchange(settings, request, HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status == 202 || status == 204) {
            drain(response.body());
            return;
        }
        if (status != 200) {
            String body = text(response.body());
            throw status == 404 && sessionId != null
                    ? new McpTransportFailure(404, "the server's session has ended or expired")
                    : HttpSettings.unexpected(status, body, "the server");
        }
        if (!(message instanceof JsonRpcRequest)) {
            // A notification or a response expects no answer, whatever the server wrote back.
            drain(response.body());
            return;
        }
        if (message instanceof JsonRpcRequest call && "initialize".equals(call.method())) {
            response.headers().firstValue(SESSION_HEADER).ifPresent(id -> sessionId = id);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("text/event-stream")) {
            JsonRpcId awaited = message instanceof JsonRpcRequest call ? call.id() : null;
            readers.execute(() -> readRequestStream(response.body(), awaited));
        } else {
            StreamMessages.deliverJson(text(response.body()), inbound);
        }
    }

    /**
     * Reads a request's stream, and resumes it with {@code GET} and {@code Last-Event-ID} for as
     * long as it ends before the request's response.
     */
    private void readRequestStream(InputStream body, JsonRpcId awaited) {
        SseReader reader = new SseReader(body);
        boolean answered = read(reader, body, awaited);
        String lastEventId = reader.lastEventId();
        long retry = reader.retryMillis() > 0 ? reader.retryMillis() : DEFAULT_RETRY_MILLIS;
        int attempts = 0;
        while (!answered && !closed && lastEventId != null && attempts++ < MAX_RESUME_ATTEMPTS) {
            if (!pause(retry)) {
                return;
            }
            Optional<HttpResponse<InputStream>> resumed = get(lastEventId);
            if (resumed.isEmpty()) {
                retry = Math.min(retry * 2, MAX_BACKOFF_MILLIS);
                continue;
            }
            SseReader again = new SseReader(resumed.get().body());
            answered = read(again, resumed.get().body(), awaited);
            if (again.lastEventId() != null) {
                lastEventId = again.lastEventId();
                attempts = 0;
            }
            if (again.retryMillis() > 0) {
                retry = again.retryMillis();
            }
        }
    }

    /** Reads the session's {@code GET} stream, reconnecting with {@code Last-Event-ID}. */
    private void listen(HttpResponse<InputStream> first) {
        Optional<HttpResponse<InputStream>> stream = Optional.of(first);
        String lastEventId = null;
        long retry = DEFAULT_RETRY_MILLIS;
        while (stream.isPresent() && !closed) {
            SseReader reader = new SseReader(stream.get().body());
            read(reader, stream.get().body(), null);
            if (reader.lastEventId() != null) {
                lastEventId = reader.lastEventId();
            }
            if (reader.retryMillis() > 0) {
                retry = reader.retryMillis();
            }
            if (!pause(retry)) {
                return;
            }
            stream = get(lastEventId);
        }
    }

    /**
     * Opens a {@code GET} stream; empty when the server offers none or refuses it, so there is
     * nothing to retry. A session that has ended is reported lost.
     */
    private Optional<HttpResponse<InputStream>> get(String lastEventId) {
        if (closed) {
            return Optional.empty();
        }
        HttpRequest.Builder request =
                headers(settings.streamRequest(settings.url()))
                        .header("Accept", "text/event-stream")
                        .GET();
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        HttpResponse<InputStream> response;
        try {
            response =
                    Http.exchange(
                            settings, request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (McpTransportFailure unreachable) {
            return Optional.empty();
        }
        int status = response.statusCode();
        if (status == 200) {
            return Optional.of(response);
        }
        drain(response.body());
        if (status == 404 && sessionId != null && !closed) {
            inbound.onLost(new McpTransportFailure(404, "the server's session has ended"));
        }
        return Optional.empty();
    }

    /** Delivers a stream's messages until it ends; true once the awaited response came. */
    private boolean read(SseReader reader, InputStream body, JsonRpcId awaited) {
        open.add(body);
        boolean answered = false;
        try {
            Optional<SseReader.Event> event;
            while ((event = reader.next()).isPresent()) {
                if ("message".equals(event.get().type())) {
                    for (JsonRpcMessage message :
                            StreamMessages.decode(event.get().data()).orElse(List.of())) {
                        inbound.onMessage(message);
                        answered |=
                                awaited != null
                                        && message instanceof JsonRpcResponse response
                                        && awaited.equals(response.id());
                    }
                }
            }
        } catch (IOException ended) {
            // The stream broke; whoever called decides whether to resume it.
        } finally {
            open.remove(body);
            drain(body);
        }
        return answered;
    }

    private HttpRequest.Builder headers(HttpRequest.Builder request) {
        if (sessionId != null) {
            request.header(SESSION_HEADER, sessionId);
        }
        if (protocolVersion != null) {
            request.header(VERSION_HEADER, protocolVersion);
        }
        return request;
    }

    /** Waits before reconnecting; false when the transport closed meanwhile. */
    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return !closed;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the session ({@code DELETE}) and every stream. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sessionId != null) {
            try {
                Http.exchange(
                        settings,
                        headers(settings.request(settings.url())).DELETE().build(),
                        HttpResponse.BodyHandlers.discarding());
            } catch (McpTransportFailure unreachable) {
                // The server is gone; its session with it.
            }
        }
        open.forEach(StreamableHttpTransport::drain);
        readers.shutdownNow();
    }

    private static String text(InputStream body) {
        try (InputStream in = body) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new McpTransportFailure(0, "the server's reply broke off", e);
        }
    }

    private static void drain(InputStream body) {
        try {
            body.close();
        } catch (IOException alreadyGone) {
            // Nothing more to read or release.
        }
    }
}
