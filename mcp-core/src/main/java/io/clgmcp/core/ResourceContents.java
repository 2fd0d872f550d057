package io.clgmcp.core;

import java.util.Base64;

/**
 * What reading a resource gives: text, or binary data in Base64 ({@code blob}), never both.
 *
 * <pre>{@code
 * {"uri":"test://static-text","mimeType":"text/plain","text":"..."}
 * }</pre>
 */
public record ResourceContents(String uri, String mimeType, String text, String blob) {
    public ResourceContents {
        if (uri == null || (text == null) == (blob == null)) {
            throw new IllegalArgumentException(
                    "resource contents need a uri and exactly one of text or blob");
        }
    }

    public static ResourceContents text(String uri, String mimeType, String text) {
        return new ResourceContents(uri, mimeType, text, null);
    }

    public static ResourceContents blob(String uri, String mimeType, byte[] bytes) {
        return new ResourceContents(uri, mimeType, null, Base64.getEncoder().encodeToString(bytes));
    }
}
