package io.clgmcp.transport.sse.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.cluster.ClusterUnavailableException;
import io.clgmcp.core.http.JsonBody;
import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.McpException;
import io.clgmcp.servlet.JsonReplies;
import io.clgmcp.servlet.McpRequests;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * Takes a JSON-RPC message POSTed for an open stream and hands it to the server, whose answers go
 * out on that stream. Both dialects come through here: the seed protocol names the connection in
 * the body and is told {@code {"status":"sent"}}; the MCP 2024-11-05 transport names it in the
 * query and is told {@code 202 Accepted}.
 */
final class InboundPosts {
    private static final System.Logger LOG = System.getLogger(InboundPosts.class.getName());

    /** Where a POST names its connection and how it is acknowledged. */
    enum Dialect {
        SEED,
        LEGACY
    }

    private final McpServer server;
    private final SseConnections connections;
    private final int maxBodyBytes;

    InboundPosts(McpServer server, SseConnections connections, int maxBodyBytes) {
        this.server = server;
        this.connections = connections;
        this.maxBodyBytes = maxBodyBytes;
    }

    void accept(HttpServletRequest request, HttpServletResponse response, Dialect dialect)
            throws IOException {
        try {
            deliver(request, response, dialect);
        } catch (Rejected rejected) {
            SseReplies.error(response, rejected.status, rejected.code, rejected.getMessage());
        } catch (ClusterUnavailableException e) {
            SseReplies.clusterUnavailable(response, e);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "an SSE POST failed", e);
            SseReplies.error(response, 500, ErrorCode.INTERNAL_ERROR.code(), "Internal error");
        }
    }

    private void deliver(HttpServletRequest request, HttpServletResponse response, Dialect dialect)
            throws IOException, Rejected {
        JsonElement body = parse(request, response);
        if (!body.isJsonObject()) {
            throw Rejected.invalid(
                    "the body must be one JSON-RPC message; batches are not accepted here");
        }
        String connectionId =
                dialect == Dialect.SEED
                        ? stringMember(body, "connectionId")
                        : request.getParameter("connectionId");
        if (connectionId == null) {
            throw new Rejected(
                    400,
                    ErrorCode.INVALID_REQUEST.code(),
                    dialect == Dialect.SEED
                            ? "Missing connectionId: the body must name the connection"
                            : "Missing connectionId: the URL must name the connection");
        }
        String caller = McpRequests.callerOf(request);
        Optional<SseConnection> stream = connections.find(connectionId, caller);
        JsonRpcMessage message;
        try {
            message = JsonRpcCodec.decode(body);
        } catch (McpException e) {
            throw new Rejected(400, e.code().code(), e.toError().message());
        }
        if (stream.isPresent()) {
            deliver(stream.get(), dialect, message);
        } else if (!connections.forward(
                new StreamDirectory.Forwarded(connectionId, caller, dialect, message))) {
            throw new Rejected(
                    400,
                    ErrorCode.CONNECTION_NOT_FOUND.code(),
                    ErrorCode.CONNECTION_NOT_FOUND.message());
        }
        if (dialect == Dialect.SEED && message instanceof JsonRpcRequest) {
            JsonReplies.write(response, 200, "{\"status\":\"sent\"}");
        } else {
            response.setStatus(202);
        }
    }

    /**
     * Hands a message another instance took for a stream of this one to the server. A stream that
     * ended meanwhile takes nothing, as its client would have learnt nothing either.
     */
    void deliver(StreamDirectory.Forwarded forwarded) {
        connections
                .find(forwarded.connectionId(), forwarded.caller())
                .ifPresent(stream -> deliver(stream, forwarded.dialect(), forwarded.message()));
    }

    private void deliver(SseConnection stream, Dialect dialect, JsonRpcMessage message) {
        if (dialect == Dialect.SEED) {
            stream.speaksSeedDialect();
        }
        server.receive(
                stream.session(),
                message,
                dialect == Dialect.SEED ? stream.seedReplies() : stream.legacyReplies());
    }

    private JsonElement parse(HttpServletRequest request, HttpServletResponse response)
            throws IOException, Rejected {
        try {
            return McpRequests.json(request, response, maxBodyBytes);
        } catch (JsonBody.Refused refused) {
            McpException reason = refused.reason();
            throw reason.code().equals(ErrorCode.PARSE_ERROR)
                    ? Rejected.invalidJson()
                    : new Rejected(
                            refused.status(), reason.code().code(), reason.toError().message());
        }
    }

    private static String stringMember(JsonElement body, String name) {
        return body.getAsJsonObject().get(name) instanceof JsonPrimitive value && value.isString()
                ? value.getAsString()
                : null;
    }

    /** A POST refused with an HTTP status and an error in the guide's shape. */
    private static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final int code;

        Rejected(int status, int code, String error) {
            super(error, null, false, false);
            this.status = status;
            this.code = code;
        }

        static Rejected invalidJson() {
            return new Rejected(400, ErrorCode.PARSE_ERROR.code(), "Invalid JSON");
        }

        static Rejected invalid(String detail) {
            return new Rejected(
                    400,
                    ErrorCode.INVALID_REQUEST.code(),
                    ErrorCode.INVALID_REQUEST.message() + ": " + detail);
        }
    }
}
