package io.clgmcp.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.List;

/**
 * The bearer tokens that admit a caller. Tokens are kept and compared as SHA-256 digests, in
 * constant time and against every token, so that neither a token's content nor its length leaks
 * through timing.
 */
final class AccessTokens {
    private final List<byte[]> digests;

    AccessTokens(Collection<String> tokens) {
        this.digests = tokens.stream().map(AccessTokens::digest).toList();
    }

    boolean isEmpty() {
        return digests.isEmpty();
    }

    boolean admits(String presented) {
        byte[] candidate = digest(presented);
        boolean admitted = false;
        for (byte[] digest : digests) {
            admitted |= MessageDigest.isEqual(digest, candidate);
        }
        return admitted;
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
