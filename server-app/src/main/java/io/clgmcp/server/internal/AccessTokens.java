package io.clgmcp.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The bearer tokens that admit a caller. Tokens are kept and compared as SHA-256 digests, in
 * constant time and against every token, so that neither a token's content nor its length leaks
 * through timing.
 */
public final class AccessTokens {
    /** What a bearer token may contain (RFC 6750's b64token). */
    static final String TOKEN_SYNTAX = "[A-Za-z0-9\\-._~+/]+=*";

    private static final Pattern TOKEN = Pattern.compile(TOKEN_SYNTAX);

    private final List<byte[]> digests;

    AccessTokens(Collection<String> tokens) {
        this.digests = tokens.stream().map(AccessTokens::digest).toList();
    }

    /** Whether a client could present this token in an {@code Authorization: Bearer} header. */
    public static boolean isWellFormed(String token) {
        return TOKEN.matcher(token).matches();
    }

    boolean isEmpty() {
        return digests.isEmpty();
    }

    /**
     * Who presents this token: an identity derived from its digest, the same for every request with
     * it and revealing nothing of it; null when no configured token matches.
     */
    String callerOf(String presented) {
        byte[] candidate = digest(presented);
        boolean admitted = false;
        for (byte[] digest : digests) {
            admitted |= MessageDigest.isEqual(digest, candidate);
        }
        return admitted ? HexFormat.of().formatHex(candidate) : null;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
