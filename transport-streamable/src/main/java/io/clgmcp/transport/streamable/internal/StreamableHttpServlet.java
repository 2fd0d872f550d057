package io.clgmcp.transport.streamable.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.MessageSink;
import io.clgmcp.core.ProtocolVersions;
import io.clgmcp.core.Session;
import io.clgmcp.core.http.AllowedOrigins;
import io.clgmcp.core.http.HttpFailure;
import io.clgmcp.core.http.JsonBody;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcId;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import io.clgmcp.core.jsonrpc.McpException;
import io.clgmcp.servlet.EventStream;
import io.clgmcp.servlet.JsonReplies;
import io.clgmcp.servlet.McpRequests;
import io.clgmcp.transport.streamable.StreamableHttpOptions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /mcp}: the Streamable HTTP transport. A request that asks for progress is answered as an
 * event stream carrying its notifications and then its response; any other as {@code
 * application/json}. This server offers no {@code GET} stream yet, which the specification allows
 * (405). The {@code Origin} of every request is checked against the allowed origins to defeat DNS
 * rebinding.
 */
public final class StreamableHttpServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    private static final String ALLOWED_METHODS = "POST, DELETE, OPTIONS";

    /** How far a client may fall behind a request's stream before it is cut off. */
    private static final int MAX_QUEUED_EVENTS = 1000;

    private final transient McpServer server;
    private final transient McpSessions sessions;
    private final transient AllowedOrigins origins;
    private final int maxBodyBytes;

    public StreamableHttpServlet(McpServer server, StreamableHttpOptions options) {
        this.server = server;
        this.sessions = new McpSessions(options.sessionIdleTimeoutMillis());
        this.origins = new AllowedOrigins(options.allowedOrigins());
        this.maxBodyBytes = options.maxBodyBytes();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String origin = request.getHeader("Origin");
        if (origin != null && !origins.allows(origin)) {
            fail(
                    response,
                    403,
                    null,
                    ErrorCode.INVALID_REQUEST,
                    "origin " + origin + " is not allowed");
            return;
        }
        try {
            switch (request.getMethod()) {
                case "POST" -> post(request, response);
                case "DELETE" -> delete(request, response);
                case "OPTIONS" -> {
                    response.setHeader("Allow", ALLOWED_METHODS);
                    response.setStatus(204);
                }
                default -> {
                    response.setHeader("Allow", ALLOWED_METHODS);
                    fail(
                            response,
                            405,
                            null,
                            ErrorCode.INVALID_REQUEST,
                            request.getMethod() + " is not served at /mcp");
                }
            }
        } catch (Refusal refusal) {
            JsonReplies.write(response, refusal.failure);
        }
    }

    private void post(HttpServletRequest request, HttpServletResponse response)
            throws IOException, Refusal {
        if (!acceptsJsonAndEventStream(request.getHeader("Accept"))) {
            throw refusal(
                    406,
                    null,
                    ErrorCode.INVALID_REQUEST,
                    "Accept must allow both application/json and text/event-stream");
        }
        JsonElement body = parse(request);
        if (body.isJsonArray()) {
            throw refusal(
                    400, null, ErrorCode.INVALID_REQUEST, "send one JSON-RPC message per POST");
        }
        JsonRpcMessage message;
        try {
            message = JsonRpcCodec.decode(body);
        } catch (McpException e) {
            throw new Refusal(HttpFailure.jsonRpc(400, JsonRpcCodec.idOf(body), e));
        }
        String caller = McpRequests.callerOf(request);
        if (message instanceof JsonRpcRequest call && "initialize".equals(call.method())) {
            initialize(request, response, call, caller);
            return;
        }
        JsonRpcId id = message instanceof JsonRpcRequest call ? call.id() : null;
        McpSessions.McpSession session = sessionOf(request, caller, id);
        checkProtocolVersion(request, id);
        if (message instanceof JsonRpcRequest call && wantsProgress(call)) {
            stream(request, response, session, call);
        } else if (message instanceof JsonRpcRequest call) {
            JsonReplies.writeWhenReady(
                    request,
                    response,
                    200,
                    answer(session.session(), call).thenApply(StreamableHttpServlet::encode));
        } else {
            server.receive(session.session(), message, MessageSink.DISCARD);
            response.setStatus(202);
        }
    }

    private void initialize(
            HttpServletRequest request,
            HttpServletResponse response,
            JsonRpcRequest call,
            String caller)
            throws IOException {
        Session session = sessions.open(caller).session();
        CompletableFuture<JsonRpcResponse> reply = answer(session, call);
        // The handshake answers on the calling thread; a failed one leaves no session behind.
        JsonRpcResponse answered = reply.getNow(null);
        if (answered != null && !answered.isError()) {
            response.setHeader(SESSION_HEADER, session.id());
        } else {
            sessions.close(session.id(), caller);
        }
        JsonReplies.writeWhenReady(
                request, response, 200, reply.thenApply(StreamableHttpServlet::encode));
    }

    private void delete(HttpServletRequest request, HttpServletResponse response) throws Refusal {
        String id = request.getHeader(SESSION_HEADER);
        if (id == null) {
            throw refusal(
                    400, null, ErrorCode.INVALID_REQUEST, "Missing " + SESSION_HEADER + " header");
        }
        if (!sessions.close(id, McpRequests.callerOf(request))) {
            throw refusal(404, null, ErrorCode.SESSION_NOT_FOUND, "it may have ended or expired");
        }
        response.setStatus(204);
    }

    /**
     * Answers a request as an event stream: each message the server sends for it (its progress,
     * then its response) is one {@code message} event, and the stream ends after the response.
     */
    private void stream(
            HttpServletRequest request,
            HttpServletResponse response,
            McpSessions.McpSession session,
            JsonRpcRequest call)
            throws IOException {
        EventStream stream =
                EventStream.open(
                        request,
                        response,
                        MAX_QUEUED_EVENTS,
                        session.eventIds()::incrementAndGet,
                        () -> {});
        server.receive(
                session.session(),
                call,
                new MessageSink() {
                    @Override
                    public void send(JsonRpcMessage message) {
                        stream.send("message", JsonRpcCodec.encode(message));
                        if (message instanceof JsonRpcResponse) {
                            stream.finish();
                        }
                    }

                    @Override
                    public void noResponse(JsonRpcId request) {
                        stream.finish();
                    }
                });
    }

    /** Whether the caller asked to hear how a request progresses, which only a stream can carry. */
    private static boolean wantsProgress(JsonRpcRequest call) {
        JsonObject params = call.params();
        return params != null
                && params.get("_meta") instanceof JsonObject meta
                && meta.has("progressToken");
    }

    /**
     * The response to a request, once the server has sent it, or null when the client cancelled it;
     * notifications are dropped.
     */
    private CompletableFuture<JsonRpcResponse> answer(Session session, JsonRpcRequest call) {
        CompletableFuture<JsonRpcResponse> reply = new CompletableFuture<>();
        server.receive(
                session,
                call,
                new MessageSink() {
                    @Override
                    public void send(JsonRpcMessage message) {
                        if (message instanceof JsonRpcResponse response) {
                            reply.complete(response);
                        }
                    }

                    @Override
                    public void noResponse(JsonRpcId request) {
                        reply.complete(null);
                    }
                });
        return reply;
    }

    private McpSessions.McpSession sessionOf(
            HttpServletRequest request, String caller, JsonRpcId id) throws Refusal {
        String sessionId = request.getHeader(SESSION_HEADER);
        if (sessionId == null) {
            throw refusal(
                    400, id, ErrorCode.INVALID_REQUEST, "Missing " + SESSION_HEADER + " header");
        }
        Optional<McpSessions.McpSession> session = sessions.find(sessionId, caller);
        if (session.isEmpty()) {
            throw refusal(404, id, ErrorCode.SESSION_NOT_FOUND, "it may have ended or expired");
        }
        return session.get();
    }

    private static void checkProtocolVersion(HttpServletRequest request, JsonRpcId id)
            throws Refusal {
        String version = request.getHeader(VERSION_HEADER);
        if (version != null && !ProtocolVersions.SUPPORTED.contains(version)) {
            throw refusal(
                    400,
                    id,
                    ErrorCode.INVALID_REQUEST,
                    "unsupported "
                            + VERSION_HEADER
                            + " "
                            + version
                            + "; supported: "
                            + String.join(", ", ProtocolVersions.SUPPORTED));
        }
    }

    private JsonElement parse(HttpServletRequest request) throws IOException, Refusal {
        try {
            return McpRequests.json(request, maxBodyBytes);
        } catch (JsonBody.Refused refused) {
            throw new Refusal(HttpFailure.jsonRpc(refused.status(), null, refused.reason()));
        }
    }

    /** The response as JSON text; null, for no reply at all, when there is none. */
    private static String encode(JsonRpcResponse response) {
        return response == null ? null : JsonRpcCodec.encode(response);
    }

    /** Whether an {@code Accept} header admits both JSON replies and event streams. */
    static boolean acceptsJsonAndEventStream(String accept) {
        if (accept == null) {
            return false;
        }
        boolean json = false;
        boolean stream = false;
        for (String range : accept.toLowerCase(Locale.ROOT).split(",")) {
            String type = range.split(";", 2)[0].trim();
            json |=
                    type.equals("application/json")
                            || type.equals("application/*")
                            || type.equals("*/*");
            stream |=
                    type.equals("text/event-stream") || type.equals("text/*") || type.equals("*/*");
        }
        return json && stream;
    }

    private static void fail(
            HttpServletResponse response, int status, JsonRpcId id, ErrorCode code, String detail)
            throws IOException {
        JsonReplies.write(response, refusal(status, id, code, detail).failure);
    }

    private static Refusal refusal(int status, JsonRpcId id, ErrorCode code, String detail) {
        return new Refusal(HttpFailure.jsonRpc(status, id, new McpException(code, detail)));
    }

    /** A request refused with the reply to give it. */
    private static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient HttpFailure failure;

        Refusal(HttpFailure failure) {
            super(failure.body(), null, false, false);
            this.failure = failure;
        }
    }
}
