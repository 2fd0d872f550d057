package io.clgmcp.server;

import io.clgmcp.server.internal.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * OAuth 2.1 resource-server mode, as the MCP authorization specification describes it: the MCP
 * endpoints admit JWT access tokens that an authorization server issued for this server, checked
 * against the keys it publishes, and {@code /.well-known/oauth-protected-resource} tells clients
 * where to get them. README's OAuth section names the setting behind each.
 *
 * @param issuer the authorization server; tokens must carry exactly this {@code iss} ({@code
 *     OAUTH_ISSUER})
 * @param audience this server's canonical resource URL; tokens must name it in {@code aud} ({@code
 *     OAUTH_AUDIENCE})
 * @param jwksUrl where the issuer publishes its signing keys ({@code OAUTH_JWKS_URL})
 * @param requiredScopes the scopes every call needs, all of them; may be empty ({@code
 *     OAUTH_REQUIRED_SCOPES})
 */
public record OAuthOptions(String issuer, URI audience, URI jwksUrl, List<String> requiredScopes) {
    /** The well-known path of Protected Resource Metadata (RFC 9728). */
    public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    /** What a scope may contain (RFC 6749 section 3.3), so that it fits a quoted header value. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private static final List<String> NAMES =
            List.of("OAUTH_ISSUER", "OAUTH_AUDIENCE", "OAUTH_JWKS_URL");

    public OAuthOptions {
        requiredScopes = List.copyOf(requiredScopes);
    }

    /**
     * Where this server's Protected Resource Metadata is: the well-known path inserted between the
     * audience's host and its path (RFC 9728 section 3.1), so {@code https://mcp.example.com/mcp}
     * has it at {@code https://mcp.example.com/.well-known/oauth-protected-resource/mcp}.
     */
    public URI resourceMetadataUrl() {
        String path = audience.getRawPath() == null ? "" : audience.getRawPath();
        return URI.create(
                audience.getScheme().toLowerCase(Locale.ROOT)
                        + "://"
                        + audience.getRawAuthority()
                        + METADATA_PATH
                        + (path.equals("/") ? "" : path));
    }

    /**
     * The OAuth settings, or none when OAuth is off; every problem goes to {@code settings}.
     *
     * @param staticTokens whether MCP_AUTH_TOKEN or MCP_AUTH_TOKENS is set: OAuth cannot be used
     *     with them
     */
    static Optional<OAuthOptions> read(Settings settings, boolean staticTokens) {
        List<String> scopes = scopes(settings);
        List<String> missing = new ArrayList<>();
        for (String name : NAMES) {
            if (settings.string(name, null) == null) {
                missing.add(name);
            }
        }
        if (missing.size() == NAMES.size()) {
            if (!scopes.isEmpty()) {
                settings.problem("OAUTH_REQUIRED_SCOPES is set but OAuth is not (OAUTH_ISSUER...)");
            }
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            settings.problem(
                    "OAuth needs OAUTH_ISSUER, OAUTH_AUDIENCE and OAUTH_JWKS_URL together; missing: "
                            + String.join(", ", missing));
            return Optional.empty();
        }
        if (staticTokens) {
            settings.problem(
                    "set either MCP_AUTH_TOKEN/MCP_AUTH_TOKENS or OAUTH_*, not both: with OAuth the"
                            + " server accepts only tokens its authorization server issued");
        }
        String issuer = settings.string("OAUTH_ISSUER", null);
        url(settings, "OAUTH_ISSUER", issuer, false);
        URI audience =
                url(settings, "OAUTH_AUDIENCE", settings.string("OAUTH_AUDIENCE", null), true);
        URI jwks = url(settings, "OAUTH_JWKS_URL", settings.string("OAUTH_JWKS_URL", null), false);
        if (audience == null || jwks == null) {
            return Optional.empty();
        }
        return Optional.of(new OAuthOptions(issuer, audience, jwks, scopes));
    }

    private static List<String> scopes(Settings settings) {
        String value = settings.string("OAUTH_REQUIRED_SCOPES", "");
        List<String> scopes =
                Arrays.stream(value.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
        for (String scope : scopes) {
            if (!SCOPE.matcher(scope).matches()) {
                settings.problem(
                        "OAUTH_REQUIRED_SCOPES names a scope with a character no scope may have: '"
                                + scope
                                + "'");
            }
        }
        return List.copyOf(new LinkedHashSet<>(scopes));
    }

    /** An absolute http or https URL with a host; a resource URL has no query or fragment. */
    private static URI url(Settings settings, String name, String value, boolean resource) {
        try {
            URI url = new URI(value);
            boolean web =
                    "http".equalsIgnoreCase(url.getScheme())
                            || "https".equalsIgnoreCase(url.getScheme());
            if (web
                    && url.getHost() != null
                    && (!resource || (url.getRawQuery() == null && url.getRawFragment() == null))) {
                return url;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        settings.problem(
                name
                        + " must be an absolute http or https URL"
                        + (resource ? " without query or fragment" : "")
                        + ", not '"
                        + value
                        + "'");
        return null;
    }
}
