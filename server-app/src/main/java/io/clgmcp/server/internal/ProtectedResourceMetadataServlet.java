package io.clgmcp.server.internal;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.clgmcp.server.OAuthOptions;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code GET /.well-known/oauth-protected-resource} (and the same path followed by an MCP
 * endpoint's path): this server's OAuth 2.0 Protected Resource Metadata (RFC 9728), which tells an
 * MCP client which authorization server issues tokens for it. Open to everyone and readable from
 * any origin, as it holds nothing secret; served only in OAuth mode.
 *
 * <pre>
 * {"resource":"https://mcp.example.com/mcp","authorization_servers":["https://auth.example.com"],
 * "scopes_supported":["mcp:tools"],"bearer_methods_supported":["header"]}</pre>
 */
final class ProtectedResourceMetadataServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient JsonObject metadata;

    ProtectedResourceMetadataServlet(OAuthOptions options) {
        this.metadata = metadata(options);
    }

    static JsonObject metadata(OAuthOptions options) {
        JsonObject metadata = new JsonObject();
        metadata.addProperty("resource", options.audience().toString());
        JsonArray servers = new JsonArray();
        servers.add(options.issuer());
        metadata.add("authorization_servers", servers);
        if (!options.requiredScopes().isEmpty()) {
            JsonArray scopes = new JsonArray();
            options.requiredScopes().forEach(scopes::add);
            metadata.add("scopes_supported", scopes);
        }
        JsonArray methods = new JsonArray();
        methods.add("header");
        metadata.add("bearer_methods_supported", methods);
        return metadata;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setHeader("Access-Control-Allow-Origin", "*");
        switch (request.getMethod()) {
            case "GET", "HEAD" -> HttpReplies.write(response, 200, metadata);
            case "OPTIONS" -> {
                response.setHeader("Access-Control-Allow-Methods", "GET, HEAD");
                response.setHeader("Access-Control-Allow-Headers", "*");
                response.setHeader("Access-Control-Max-Age", "600");
                response.setHeader("Allow", "GET, HEAD, OPTIONS");
                response.setStatus(204);
            }
            default -> {
                HttpReplies.onlyGetAndHead(request, response, "GET, HEAD, OPTIONS");
            }
        }
    }
}
