package io.clgmcp.core.internal;

import io.clgmcp.core.jsonrpc.ErrorCode;
import io.clgmcp.core.jsonrpc.McpException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque pagination cursors. A cursor encodes where the next page starts within one kind of list;
 * clients must treat it as an opaque string, and anything the server did not issue is refused.
 */
public final class Cursors {
    private Cursors() {}

    /** The cursor for the page of {@code list} that starts at {@code offset}. */
    public static String encode(String list, int offset) {
        String plain = list + ":" + offset;
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Where the page a cursor names starts.
     *
     * @throws McpException with {@link ErrorCode#INVALID_PARAMS} when the cursor was not issued for
     *     this list or points past its end
     */
    public static int decode(String list, String cursor, int size) {
        try {
            String plain =
                    new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String prefix = list + ":";
            if (plain.startsWith(prefix)) {
                int offset = Integer.parseInt(plain.substring(prefix.length()));
                if (offset > 0 && offset < size) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // Not Base64 or not a number: the same answer as any other cursor we did not issue.
        }
        throw new McpException(ErrorCode.INVALID_PARAMS, "invalid cursor");
    }
}
