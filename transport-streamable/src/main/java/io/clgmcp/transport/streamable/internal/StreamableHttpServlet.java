package io.clgmcp.transport.streamable.internal;

import com.google.gson.JsonElement;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.MessageSink;
import io.clgmcp.core.ProtocolVersions;
import io.clgmcp.core.cluster.ClusterUnavailableException;
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
import io.clgmcp.servlet.JsonReplies;
import io.clgmcp.servlet.McpRequests;
import io.clgmcp.servlet.Refusals;
import io.clgmcp.transport.streamable.StreamableHttpOptions;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /mcp}: the Streamable HTTP transport. A POSTed request is answered as {@code
 * application/json}, or as an event stream when it produces messages before its response (see
 * {@link PostReply}). {@code GET} opens the session's standalone stream, or, with {@code
 * Last-Event-ID}, resumes the stream that event belonged to. The {@code Origin} of every request is
 * checked against the allowed origins to defeat DNS rebinding.
 */
public final class StreamableHttpServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String VERSION_HEADER = "MCP-Protocol-Version";
    static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";
    private static final String ALLOWED_METHODS = "GET, POST, DELETE, OPTIONS";
    private static final String RETRY_AFTER_SECONDS = "5";
    private static final System.Logger LOG =
            System.getLogger(StreamableHttpServlet.class.getName());

    private final transient McpServer server;
    private final transient McpSessions sessions;
    private final transient AllowedOrigins origins;
    private final transient Refusals refusals;
    private final int maxBodyBytes;

    public StreamableHttpServlet(
            McpServer server,
            McpSessions sessions,
            StreamableHttpOptions options,
            Refusals refusals) {
        this.server = server;
        this.refusals = refusals;
        this.sessions = sessions;
        this.origins = new AllowedOrigins(options.allowedOrigins());
        this.maxBodyBytes = options.maxBodyBytes();
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String origin = request.getHeader("Origin");
        if (origin != null && !origins.allows(origin)) {
            refusals.refused(Refusals.Reason.ORIGIN, request);
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
                case "GET" -> get(request, response);
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
        } catch (ClusterUnavailableException e) {
            response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
            fail(response, 503, null, ErrorCode.CLUSTER_UNAVAILABLE, e.getMessage());
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
        JsonElement body = parse(request, response);
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
        McpSession session = sessionOf(request, caller, id);
        checkProtocolVersion(request, id);
        if (message instanceof JsonRpcRequest call) {
            PostReply reply = new PostReply(session, call.id());
            server.receive(session.session(), call, reply);
            keepChanges(session);
            reply.start(request, response);
        } else {
            server.receive(session.session(), message, MessageSink.DISCARD);
            sessions.changed(session);
            sessions.forward(session, message);
            response.setStatus(202);
        }
    }

    /**
     * Stores what a request changed in its session for the other instances of a cluster. The
     * request is under way, so a store that fails now costs the others a stale copy, not the
     * answer.
     */
    private void keepChanges(McpSession session) {
        try {
            sessions.changed(session);
        } catch (ClusterUnavailableException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "could not store a session's state: " + e.getMessage());
        }
    }

    /**
     * Opens the session's standalone stream, where messages that answer no request go, with what it
     * held while no stream was open; a new GET replaces the open one, as a client reconnects when
     * it lost it. With {@code Last-Event-ID} it instead resumes the stream that event belonged to,
     * replaying what came after it.
     */
    private void get(HttpServletRequest request, HttpServletResponse response)
            throws IOException, Refusal {
        if (!accepts(request.getHeader("Accept"), "text/event-stream")) {
            throw refusal(
                    406, null, ErrorCode.INVALID_REQUEST, "Accept must allow text/event-stream");
        }
        McpSession session = sessionOf(request, McpRequests.callerOf(request), null);
        checkProtocolVersion(request, null);
        String lastEventId = request.getHeader(LAST_EVENT_ID_HEADER);
        StreamChannel channel;
        long after;
        if (lastEventId == null) {
            channel = session.standalone();
            after = channel.lastWritten();
        } else {
            after = eventId(lastEventId);
            channel =
                    session.events()
                            .channelOf(after)
                            .orElseThrow(
                                    () ->
                                            refusal(
                                                    400,
                                                    null,
                                                    ErrorCode.INVALID_REQUEST,
                                                    "event "
                                                            + lastEventId
                                                            + " is not in this session's recent"
                                                            + " history"));
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0);
        channel.attach(async, after);
        if (lastEventId != null) {
            sessions.resumed(session);
        }
    }

    private static long eventId(String header) throws Refusal {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw refusal(
                    400,
                    null,
                    ErrorCode.INVALID_REQUEST,
                    "Last-Event-ID " + header + " is not ours");
        }
    }

    private void initialize(
            HttpServletRequest request,
            HttpServletResponse response,
            JsonRpcRequest call,
            String caller)
            throws IOException, Refusal {
        McpSession session =
                sessions.open(caller)
                        .orElseThrow(
                                () ->
                                        refusal(
                                                503,
                                                call.id(),
                                                ErrorCode.SERVER_BUSY,
                                                "the server is shutting down"));
        CompletableFuture<JsonRpcResponse> reply = new CompletableFuture<>();
        server.receive(
                session.session(),
                call,
                message -> {
                    if (message instanceof JsonRpcResponse answer) {
                        reply.complete(answer);
                    }
                });
        // The handshake answers on the calling thread; a failed one leaves no session behind.
        JsonRpcResponse answered = reply.join();
        if (answered.isError()) {
            sessions.discard(session);
        } else {
            stored(session);
            response.setHeader(SESSION_HEADER, session.id());
        }
        JsonReplies.write(response, 200, JsonRpcCodec.encode(answered));
    }

    /** Records a new session where every instance finds it; without that it cannot go on. */
    private void stored(McpSession session) {
        try {
            sessions.changed(session);
        } catch (ClusterUnavailableException e) {
            sessions.discard(session);
            throw e;
        }
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

    private McpSession sessionOf(HttpServletRequest request, String caller, JsonRpcId id)
            throws Refusal {
        String sessionId = request.getHeader(SESSION_HEADER);
        if (sessionId == null) {
            throw refusal(
                    400, id, ErrorCode.INVALID_REQUEST, "Missing " + SESSION_HEADER + " header");
        }
        Optional<McpSession> session = sessions.find(sessionId, caller);
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

    private JsonElement parse(HttpServletRequest request, HttpServletResponse response)
            throws IOException, Refusal {
        try {
            return McpRequests.json(request, response, maxBodyBytes);
        } catch (JsonBody.Refused refused) {
            throw new Refusal(HttpFailure.jsonRpc(refused.status(), null, refused.reason()));
        }
    }

    /** Whether an {@code Accept} header admits both JSON replies and event streams. */
    static boolean acceptsJsonAndEventStream(String accept) {
        return accepts(accept, "application/json") && accepts(accept, "text/event-stream");
    }

    /** Whether an {@code Accept} header admits a media type, exactly or by wildcard. */
    static boolean accepts(String accept, String mediaType) {
        if (accept == null) {
            return false;
        }
        String family = mediaType.substring(0, mediaType.indexOf('/')) + "/*";
        for (String range : accept.toLowerCase(Locale.ROOT).split(",")) {
            String type = range.split(";", 2)[0].trim();
            if (type.equals(mediaType) || type.equals(family) || type.equals("*/*")) {
                return true;
            }
        }
        return false;
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
