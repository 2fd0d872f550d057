package io.clgmcp.transport.sse.internal;

import io.clgmcp.core.McpServer;
import io.clgmcp.core.cluster.ClusterUnavailableException;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.servlet.McpRequests;
import io.clgmcp.servlet.Refusals;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /sse} opens a stream; {@code POST /sse} sends a message on one (seed protocol), and so
 * does {@code POST /sse/message?connectionId=...}, the message endpoint that the {@code endpoint}
 * event announces to MCP 2024-11-05 clients. A stream is written asynchronously: its request thread
 * returns as soon as the stream is set up.
 */
public final class SseServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String STREAM_PATH = "/sse";
    static final String MESSAGE_PATH = "/sse/message";
    private static final long RETRY_MILLIS = 3000;

    private final transient SseConnections connections;
    private final transient InboundPosts posts;
    private final transient Refusals refusals;

    /**
     * In a cluster, the messages other instances take for this one's streams start arriving here as
     * soon as the servlet exists.
     */
    public SseServlet(
            McpServer server, SseConnections connections, int maxBodyBytes, Refusals refusals) {
        this.connections = connections;
        this.refusals = refusals;
        this.posts = new InboundPosts(server, connections, maxBodyBytes);
        connections.takeForwarded(posts::deliver);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        boolean stream = STREAM_PATH.equals(request.getServletPath());
        String method = request.getMethod();
        if (stream && "GET".equals(method)) {
            open(request, response);
        } else if ("POST".equals(method)) {
            posts.accept(
                    request,
                    response,
                    stream ? InboundPosts.Dialect.SEED : InboundPosts.Dialect.LEGACY);
        } else {
            response.setHeader("Allow", stream ? "GET, POST, OPTIONS" : "POST, OPTIONS");
            if ("OPTIONS".equals(method)) {
                response.setStatus(204);
            } else {
                SseReplies.error(
                        response,
                        405,
                        ErrorCode.INVALID_REQUEST.code(),
                        method + " is not served at " + request.getServletPath());
            }
        }
    }

    private void open(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String id = ConnectionIds.next();
        String caller = McpRequests.callerOf(request);
        String limitKey = McpRequests.limitKeyOf(request);
        SseConnections.Admission admission;
        try {
            admission = connections.tryReserve(id, caller, limitKey);
        } catch (ClusterUnavailableException e) {
            SseReplies.clusterUnavailable(response, e);
            return;
        }
        if (admission != SseConnections.Admission.ADMITTED) {
            refuse(admission, request, response);
            return;
        }
        SseConnection connection;
        try {
            connection =
                    new SseConnection(
                            id,
                            caller,
                            limitKey,
                            request,
                            response,
                            connections.queueLimits(),
                            connections::release);
            connections.register(connection);
        } catch (IOException | RuntimeException e) {
            connections.unreserve(id, caller, limitKey);
            throw e;
        }
        connection.send(
                "connected",
                "{\"connectionId\":\""
                        + id
                        + "\",\"protocol\":\"sse\",\"timestamp\":"
                        + System.currentTimeMillis()
                        + ",\"heartbeatInterval\":"
                        + connections.heartbeatIntervalMillis()
                        + "}",
                RETRY_MILLIS);
        connection.send(
                "endpoint", request.getContextPath() + MESSAGE_PATH + "?connectionId=" + id);
    }

    /**
     * A full server is 503, as it is nobody's fault in particular; a caller at its own limit is 429
     * with the rate-limit code, as only it need wait. Both say when to try again.
     */
    private void refuse(
            SseConnections.Admission admission,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        response.setHeader("Retry-After", SseReplies.RETRY_AFTER_SECONDS);
        switch (admission) {
            case CLOSING ->
                    SseReplies.error(
                            response,
                            503,
                            ErrorCode.SERVER_BUSY.code(),
                            "The server is shutting down");
            case SERVER_FULL -> {
                refusals.refused(Refusals.Reason.CONNECTION_LIMIT, request);
                SseReplies.error(
                        response, 503, ErrorCode.SERVER_BUSY.code(), "Too many SSE connections");
            }
            case CALLER_FULL -> {
                refusals.refused(Refusals.Reason.CONNECTION_LIMIT, request);
                SseReplies.error(
                        response,
                        429,
                        ErrorCode.RATE_LIMITED.code(),
                        "Too many SSE connections for this caller");
            }
        }
    }
}
