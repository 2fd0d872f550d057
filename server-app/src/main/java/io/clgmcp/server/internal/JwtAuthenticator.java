package io.clgmcp.server.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.clgmcp.core.http.HttpFailure;
import io.clgmcp.server.OAuthOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.1 access tokens, checked as the MCP authorization specification asks of a resource
 * server: a JWT signed (RS256 or ES256) by a key the issuer publishes at {@code OAUTH_JWKS_URL},
 * from {@code OAUTH_ISSUER}, for this server ({@code aud} names {@code OAUTH_AUDIENCE}, RFC 8707),
 * not expired, and granting every scope of {@code OAUTH_REQUIRED_SCOPES}.
 *
 * <p>Refusals: no token, or an invalid one, is 401 with {@code WWW-Authenticate: Bearer
 * resource_metadata="..."} (and {@code error="invalid_token"} when a token was presented, and
 * {@code scope} when scopes are required); a valid token without a required scope is 403 with
 * {@code error="insufficient_scope"}; a token that cannot be checked because the issuer's keys
 * cannot be fetched is 503 with {@code Retry-After}, as that is not the client's fault. Nothing of
 * a token is ever logged or echoed.
 *
 * <p>The caller is a digest of the issuer and the token's subject ({@code sub}), so that a session
 * or stream belongs to whom the token was issued for: a refreshed token keeps its sessions, another
 * subject cannot use them.
 */
final class JwtAuthenticator implements Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);

    /**
     * RS256 is what OAuth and OpenID Connect issuers sign with by default (OpenID Connect requires
     * it); ES256 is the usual choice for elliptic-curve keys. No HMAC: it would need a secret
     * shared with the issuer, and accepting it invites the key-confusion attack of a token "signed"
     * with the issuer's public key as the secret. Never {@code none}.
     */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    /** How far the issuer's clock may be from ours for {@code exp} and {@code nbf}. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    /** What a client is asked to wait when the issuer's keys cannot be had. */
    private static final String RETRY_AFTER_SECONDS = "30";

    private static final Set<String> TOKEN_TYPES = Set.of("jwt", "at+jwt", "application/at+jwt");

    private final OAuthOptions options;
    private final String audience;
    private final String resourceMetadata;
    private final IssuerKeys keys;
    private final JWKSource<SecurityContext> keySource;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    JwtAuthenticator(OAuthOptions options) {
        this.options = options;
        this.audience = canonical(options.audience().toString());
        this.resourceMetadata = options.resourceMetadataUrl().toString();
        this.keys = IssuerKeys.at(options.jwksUrl());
        this.keySource = keys.cached();
        processor.setJWSTypeVerifier((type, context) -> {});
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keySource));
        processor.setJWTClaimsSetVerifier((claims, context) -> verify(claims));
    }

    @Override
    public boolean admitsEveryone() {
        return false;
    }

    @Override
    public Outcome withoutToken(String problem) {
        return refuse(401, "Unauthorized", problem, null);
    }

    @Override
    public Outcome authenticate(String token) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(signedJwt(token), null);
        } catch (BadJWTException e) {
            return invalid(e.getMessage());
        } catch (BadJWSException e) {
            return invalid("access token signature is invalid");
        } catch (BadJOSEException e) {
            return invalid("access token is not signed by a key the issuer publishes");
        } catch (RateLimitReachedException e) {
            // A key id not among the keys just fetched: a made-up or retired key, unless the
            // issuer's keys could not be fetched at all.
            return keys.failing()
                    ? unavailable()
                    : invalid("access token is not signed by a key the issuer publishes");
        } catch (KeySourceException e) {
            return unavailable();
        } catch (JOSEException | RuntimeException e) {
            LOG.debug("An access token could not be verified: {}", e.getClass().getName());
            return invalid("access token could not be verified");
        }
        List<String> lacking = lacking(claims);
        if (!lacking.isEmpty()) {
            LOG.debug("Refused an access token lacking the scope {}", lacking);
            return refuse(
                    403,
                    "Forbidden",
                    "access token lacks the scope "
                            + String.join(" ", lacking)
                            + " that this server requires",
                    "insufficient_scope");
        }
        return Outcome.admit(callerOf(claims.getSubject()));
    }

    /** The token as a JWS, if it is one this server may accept. */
    private static SignedJWT signedJwt(String token) throws BadJWTException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new BadJWTException("access token is not a JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw new BadJWTException("unsigned access tokens (alg none) are not accepted");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new BadJWTException("encrypted access tokens are not accepted");
        }
        if (!ALGORITHMS.contains(signed.getHeader().getAlgorithm())) {
            throw new BadJWTException("access token algorithm is not accepted (only RS256, ES256)");
        }
        JOSEObjectType type = signed.getHeader().getType();
        if (type != null && !TOKEN_TYPES.contains(type.getType().toLowerCase(Locale.ROOT))) {
            throw new BadJWTException("access token type (typ) is not accepted");
        }
        return signed;
    }

    /** The claims a signed token must have, checked once its signature is. */
    private void verify(JWTClaimsSet claims) throws BadJWTException {
        Instant now = Instant.now();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw new BadJWTException("access token has no expiry (exp)");
        }
        if (expiry.toInstant().plus(CLOCK_SKEW).isBefore(now)) {
            throw new BadJWTException("access token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && notBefore.toInstant().minus(CLOCK_SKEW).isAfter(now)) {
            throw new BadJWTException("access token is not valid yet (nbf)");
        }
        if (!options.issuer().equals(claims.getIssuer())) {
            throw new BadJWTException("access token was issued by another issuer (iss)");
        }
        List<String> audiences = claims.getAudience();
        if (audiences.stream().map(JwtAuthenticator::canonical).noneMatch(audience::equals)) {
            throw new BadJWTException("access token was not issued for this server (aud)");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new BadJWTException("access token names no subject (sub)");
        }
    }

    /** The required scopes that the token does not grant, in the order they are configured. */
    private List<String> lacking(JWTClaimsSet claims) {
        if (options.requiredScopes().isEmpty()) {
            return List.of();
        }
        Set<String> granted = new LinkedHashSet<>();
        granted.addAll(scopes(claims.getClaim("scope")));
        granted.addAll(scopes(claims.getClaim("scp")));
        return options.requiredScopes().stream().filter(s -> !granted.contains(s)).toList();
    }

    /** A scope claim: space-separated text ({@code scope}, RFC 9068) or a list ({@code scp}). */
    private static List<String> scopes(Object claim) {
        if (claim instanceof String text) {
            return List.of(text.trim().split(" +"));
        }
        if (claim instanceof Collection<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    /**
     * Who holds a token of this subject: a SHA-256 digest of the issuer and the subject, the same
     * for every token issued for the subject and revealing neither.
     */
    private String callerOf(String subject) {
        return HexFormat.of().formatHex(Sha256.of("oauth\n" + options.issuer() + "\n" + subject));
    }

    private Outcome invalid(String description) {
        LOG.debug("Refused an access token: {}", description);
        return refuse(401, "Unauthorized", description, "invalid_token");
    }

    private static Outcome unavailable() {
        return Outcome.refuse(
                HttpFailure.of(
                        503,
                        "Service Unavailable",
                        "access tokens cannot be checked now: the authorization server's signing"
                                + " keys cannot be fetched; try again later"),
                Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }

    /**
     * A refusal with its challenge (RFC 6750 section 3, RFC 9728 section 5.1): the error code when
     * a token was presented, the scopes a call needs when any are configured, and where the
     * Protected Resource Metadata is.
     */
    private Outcome refuse(int status, String error, String message, String errorCode) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (errorCode != null) {
            parameters.put("error", errorCode);
            parameters.put("error_description", message);
        }
        if (!options.requiredScopes().isEmpty()) {
            parameters.put("scope", String.join(" ", options.requiredScopes()));
        }
        parameters.put("resource_metadata", resourceMetadata);
        String challenge =
                parameters.entrySet().stream()
                        .map(p -> p.getKey() + "=\"" + quotable(p.getValue()) + "\"")
                        .collect(Collectors.joining(", ", "Bearer ", ""));
        return Outcome.refuse(
                HttpFailure.of(status, error, message), Map.of("WWW-Authenticate", challenge));
    }

    /**
     * The text with what a quoted header value cannot hold (quotes, backslashes, controls) left
     * out.
     */
    private static String quotable(String text) {
        return text.replaceAll("[^\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]", "");
    }

    /**
     * A resource URI as compared: scheme and host in lower case (clients may send either, RFC
     * 8707), and no lone trailing slash.
     */
    static String canonical(String uri) {
        try {
            URI parsed = new URI(uri);
            if (parsed.getScheme() == null || parsed.getRawAuthority() == null) {
                return uri;
            }
            String path = parsed.getRawPath() == null ? "" : parsed.getRawPath();
            return parsed.getScheme().toLowerCase(Locale.ROOT)
                    + "://"
                    + parsed.getRawAuthority().toLowerCase(Locale.ROOT)
                    + (path.equals("/") ? "" : path)
                    + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery());
        } catch (URISyntaxException e) {
            return uri;
        }
    }

    @Override
    public void close() {
        IssuerKeys.close(keySource);
    }
}
