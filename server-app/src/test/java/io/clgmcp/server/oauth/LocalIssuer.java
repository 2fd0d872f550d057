package io.clgmcp.server.oauth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A small OAuth authorization server for the tests, on 127.0.0.1, running for each test of the
 * class that registers it: it publishes a JWKS at {@code /jwks} (counting every fetch, and able to
 * fail on demand) and signs access tokens with keys made in the test. Its issuer is its own URL;
 * the tokens are for {@link #AUDIENCE}.
 */
final class LocalIssuer implements BeforeEachCallback, AfterEachCallback {
    /** The canonical URL of the MCP server the tokens are for (OAUTH_AUDIENCE). */
    static final String AUDIENCE = "https://mcp.example.com/mcp";

    /** Where the Protected Resource Metadata of {@link #AUDIENCE} is (RFC 9728 section 3.1). */
    static final String METADATA_URL =
            "https://mcp.example.com/.well-known/oauth-protected-resource/mcp";

    /** The issuer's keys, made once for every test: RSA keys take a while to generate. */
    static final RSAKey RSA = rsa("rsa-1");

    static final RSAKey NEXT_RSA = rsa("rsa-2");
    static final ECKey EC = ec("ec-1");

    /** A key the issuer never publishes, with the same id as {@link #RSA}: a forger's. */
    static final RSAKey FORGED = rsa(RSA.getKeyID());

    private final AtomicInteger fetches = new AtomicInteger();
    private volatile String published;
    private volatile int failure;
    private HttpServer http;

    /** Starts publishing {@link #RSA} and {@link #EC}. */
    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        publish(RSA, EC);
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext(
                "/jwks",
                exchange -> {
                    fetches.incrementAndGet();
                    int status = failure;
                    byte[] body =
                            (status == 0 ? published : "{\"error\":\"down\"}")
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status == 0 ? 200 : status, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                });
        http.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        http.stop(0);
    }

    /** The issuer's identifier, its own URL (OAUTH_ISSUER). */
    String issuer() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    URI jwksUrl() {
        return URI.create(issuer() + "/jwks");
    }

    /** The server settings that trust this issuer, and these more (name, value, ...). */
    Map<String, String> settings(String... more) {
        Map<String, String> settings = new HashMap<>();
        settings.put("OAUTH_ISSUER", issuer());
        settings.put("OAUTH_AUDIENCE", AUDIENCE);
        settings.put("OAUTH_JWKS_URL", jwksUrl().toString());
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    /** Publishes these keys (their public halves) from now on, instead of the ones before. */
    void publish(JWK... keys) {
        published = new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    /** Answers every JWKS fetch with this status from now on (0: serve the keys again). */
    void failWith(int status) {
        failure = status;
    }

    /** How many times the JWKS has been fetched. */
    int fetches() {
        return fetches.get();
    }

    /** A token valid for the MCP server, signed with {@link #RSA}, until changed. */
    Token token() {
        return new Token(issuer());
    }

    private static RSAKey rsa(String id) {
        try {
            return new RSAKeyGenerator(2048)
                    .keyID(id)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ECKey ec(String id) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(id)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An access token to be: by default from this issuer, for {@link #AUDIENCE}, of subject
     * "alice", valid for five minutes, signed with RS256 by {@link #RSA}.
     */
    static final class Token {
        private final JWTClaimsSet.Builder claims;
        private JWK key = RSA;
        private JWSAlgorithm algorithm = JWSAlgorithm.RS256;
        private String keyId = RSA.getKeyID();
        private JOSEObjectType type = JOSEObjectType.JWT;

        private Token(String issuer) {
            Instant now = Instant.now();
            claims =
                    new JWTClaimsSet.Builder()
                            .issuer(issuer)
                            .audience(AUDIENCE)
                            .subject("alice")
                            .issueTime(Date.from(now))
                            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                            .jwtID(UUID.randomUUID().toString());
        }

        /** Sets a claim; null removes it. */
        Token claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        Token subject(String subject) {
            return claim("sub", subject);
        }

        Token scope(String scope) {
            return claim("scope", scope);
        }

        Token expiresIn(Duration duration) {
            return claim("exp", Date.from(Instant.now().plus(duration)));
        }

        /** Signed with this key (ES256 for an EC key, RS256 for an RSA one), naming its id. */
        Token signedWith(JWK key) {
            this.key = key;
            this.keyId = key.getKeyID();
            this.algorithm = key instanceof ECKey ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
            return this;
        }

        /** Names this key id in its header instead of the signing key's. */
        Token keyId(String keyId) {
            this.keyId = keyId;
            return this;
        }

        Token type(JOSEObjectType type) {
            this.type = type;
            return this;
        }

        /** The compact JWS. */
        String signed() {
            try {
                SignedJWT jwt =
                        new SignedJWT(
                                new JWSHeader.Builder(algorithm).keyID(keyId).type(type).build(),
                                claims.build());
                jwt.sign(signer());
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The same claims signed with HS256 by a secret: no key the issuer publishes. */
        String signedWithSecret() {
            try {
                SignedJWT jwt =
                        new SignedJWT(
                                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keyId).build(),
                                claims.build());
                jwt.sign(new MACSigner("a-secret-of-at-least-thirty-two-bytes!!"));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The same claims unsigned ({@code alg: none}). */
        String unsigned() {
            return new PlainJWT(claims.build()).serialize();
        }

        private JWSSigner signer() throws JOSEException {
            return key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key);
        }
    }
}
