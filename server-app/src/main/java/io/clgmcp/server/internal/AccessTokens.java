package io.clgmcp.server.internal;

import io.clgmcp.core.http.HttpFailure;
import java.security.MessageDigest;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The static bearer tokens that admit a caller ({@code MCP_AUTH_TOKEN(S)}). Tokens are kept and
 * compared as SHA-256 digests, in constant time and against every token, so that neither a token's
 * content nor its length leaks through timing. A refusal is a 401 with {@code WWW-Authenticate:
 * Bearer}.
 */
public final class AccessTokens implements Authenticator {
    /** What a bearer token may contain (RFC 6750's b64token). */
    static final String TOKEN_SYNTAX = "[A-Za-z0-9\\-._~+/]+=*";

    private static final Pattern TOKEN = Pattern.compile(TOKEN_SYNTAX);

    private final List<byte[]> digests;

    AccessTokens(Collection<String> tokens) {
        this.digests = tokens.stream().map(Sha256::of).toList();
    }

    /** Whether a client could present this token in an {@code Authorization: Bearer} header. */
    public static boolean isWellFormed(String token) {
        return TOKEN.matcher(token).matches();
    }

    @Override
    public boolean admitsEveryone() {
        return digests.isEmpty();
    }

    @Override
    public Outcome withoutToken(String problem) {
        return Outcome.refuse(
                HttpFailure.of(401, "Unauthorized", problem), Map.of("WWW-Authenticate", "Bearer"));
    }

    @Override
    public Outcome authenticate(String token) {
        String caller = callerOf(token);
        return caller == null ? withoutToken("invalid bearer token") : Outcome.admit(caller);
    }

    /**
     * Who presents this token: an identity derived from its digest, the same for every request with
     * it and revealing nothing of it; null when no configured token matches.
     */
    String callerOf(String presented) {
        byte[] candidate = Sha256.of(presented);
        boolean admitted = false;
        for (byte[] digest : digests) {
            admitted |= MessageDigest.isEqual(digest, candidate);
        }
        return admitted ? HexFormat.of().formatHex(candidate) : null;
    }
}
