package io.clgmcp.server.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clgmcp.server.OAuthOptions;
import io.clgmcp.server.ServerConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The OAUTH_* settings: all or nothing, well-formed, and never with static tokens. */
class OAuthConfigTest {
    private static final Map<String, String> OAUTH =
            Map.of(
                    "OAUTH_ISSUER", "https://auth.example.com",
                    "OAUTH_AUDIENCE", "https://mcp.example.com/mcp",
                    "OAUTH_JWKS_URL", "https://auth.example.com/jwks");

    private static Map<String, String> oauthWith(String... more) {
        Map<String, String> settings = new HashMap<>(OAUTH);
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    private static String refusal(Map<String, String> settings) {
        return assertThrows(
                        ServerConfig.InvalidConfigException.class, () -> ServerConfig.of(settings))
                .getMessage();
    }

    @Test
    void isOffByDefault() {
        ServerConfig config = ServerConfig.of(Map.of());

        assertTrue(config.oauth().isEmpty());
        assertTrue(config.isOpenAccess());
    }

    @Test
    void readsTheThreeSettingsAndTheScopesSeparatedBySpacesOrCommas() {
        OAuthOptions oauth =
                ServerConfig.of(
                                oauthWith(
                                        "OAUTH_REQUIRED_SCOPES", " mcp:tools, mcp:read  mcp:tools"))
                        .oauth()
                        .orElseThrow();

        assertEquals("https://auth.example.com", oauth.issuer());
        assertEquals(URI.create("https://mcp.example.com/mcp"), oauth.audience());
        assertEquals(URI.create("https://auth.example.com/jwks"), oauth.jwksUrl());
        assertEquals(List.of("mcp:tools", "mcp:read"), oauth.requiredScopes());
        assertFalse(ServerConfig.of(OAUTH).isOpenAccess());
    }

    @Test
    void refusesPartOfTheSettingsNamingWhatIsMissing() {
        String message = refusal(Map.of("OAUTH_ISSUER", "https://auth.example.com"));

        assertTrue(message.contains("OAUTH_AUDIENCE"), message);
        assertTrue(message.contains("OAUTH_JWKS_URL"), message);
        assertTrue(
                refusal(Map.of("OAUTH_REQUIRED_SCOPES", "mcp")).contains("OAUTH_REQUIRED_SCOPES"));
    }

    @Test
    void refusesUrlsThatAreNotAbsoluteWebUrls() {
        String message =
                refusal(
                        oauthWith(
                                "OAUTH_ISSUER", "auth.example.com",
                                "OAUTH_AUDIENCE", "https://mcp.example.com/mcp#fragment",
                                "OAUTH_JWKS_URL", "ftp://auth.example.com/jwks"));

        assertTrue(message.contains("OAUTH_ISSUER"), message);
        assertTrue(message.contains("OAUTH_AUDIENCE"), message);
        assertTrue(message.contains("OAUTH_JWKS_URL"), message);
        assertTrue(refusal(oauthWith("OAUTH_AUDIENCE", "not a url")).contains("'not a url'"));
    }

    @Test
    void refusesStaticTokensWithOAuth() {
        String message = refusal(oauthWith("MCP_AUTH_TOKEN", "static-token"));

        assertTrue(message.contains("MCP_AUTH_TOKEN") && message.contains("OAUTH_"), message);
        assertFalse(message.contains("static-token"), "a token never appears in an error");
        assertTrue(refusal(oauthWith("MCP_AUTH_TOKENS", "a,b")).contains("not both"));
    }

    @Test
    void refusesAScopeNoHeaderCouldCarry() {
        String message = refusal(oauthWith("OAUTH_REQUIRED_SCOPES", "mcp \"quoted\""));

        assertTrue(message.contains("OAUTH_REQUIRED_SCOPES"), message);
    }

    @Test
    void placesTheMetadataBetweenTheAudiencesHostAndPath() {
        assertEquals(
                URI.create("https://mcp.example.com/.well-known/oauth-protected-resource/mcp"),
                metadataOf("https://mcp.example.com/mcp"));
        assertEquals(
                URI.create("https://mcp.example.com/.well-known/oauth-protected-resource"),
                metadataOf("https://mcp.example.com"));
        assertEquals(
                URI.create("https://mcp.example.com/.well-known/oauth-protected-resource"),
                metadataOf("https://mcp.example.com/"));
        assertEquals(
                URI.create(
                        "https://mcp.example.com:8443/.well-known/oauth-protected-resource/a/mcp"),
                metadataOf("HTTPS://mcp.example.com:8443/a/mcp"));
    }

    private static URI metadataOf(String audience) {
        return ServerConfig.of(oauthWith("OAUTH_AUDIENCE", audience))
                .oauth()
                .orElseThrow()
                .resourceMetadataUrl();
    }
}
