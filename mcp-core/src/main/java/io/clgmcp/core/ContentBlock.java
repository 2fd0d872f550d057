package io.clgmcp.core;

import java.util.Base64;

/**
 * One block of content for a model: in a tool result's {@code content} or a prompt message.
 *
 * <pre>{@code
 * {"type":"text","text":"..."}
 * {"type":"image","data":"<base64>","mimeType":"image/png"}
 * {"type":"resource","resource":{"uri":"...","mimeType":"text/plain","text":"..."}}
 * }</pre>
 */
public sealed interface ContentBlock
        permits ContentBlock.Text,
                ContentBlock.Image,
                ContentBlock.Audio,
                ContentBlock.EmbeddedResource,
                ContentBlock.ResourceLink {

    /** Plain text. */
    record Text(String text) implements ContentBlock {
        public Text {
            if (text == null) {
                throw new IllegalArgumentException("text content needs text");
            }
        }
    }

    /** An image, its bytes in Base64. */
    record Image(String data, String mimeType) implements ContentBlock {
        public Image {
            requireBinary("image", data, mimeType);
        }

        public static Image of(byte[] bytes, String mimeType) {
            return new Image(Base64.getEncoder().encodeToString(bytes), mimeType);
        }
    }

    /** A sound, its bytes in Base64. */
    record Audio(String data, String mimeType) implements ContentBlock {
        public Audio {
            requireBinary("audio", data, mimeType);
        }

        public static Audio of(byte[] bytes, String mimeType) {
            return new Audio(Base64.getEncoder().encodeToString(bytes), mimeType);
        }
    }

    /** A resource's contents, carried inline. */
    record EmbeddedResource(ResourceContents resource) implements ContentBlock {
        public EmbeddedResource {
            if (resource == null) {
                throw new IllegalArgumentException("an embedded resource needs its contents");
            }
        }
    }

    /** A pointer to a resource the client may read with {@code resources/read}. */
    record ResourceLink(String uri, String name, String description, String mimeType)
            implements ContentBlock {
        public ResourceLink {
            if (uri == null || name == null) {
                throw new IllegalArgumentException("a resource link needs a uri and a name");
            }
        }
    }

    private static void requireBinary(String kind, String data, String mimeType) {
        if (data == null || mimeType == null) {
            throw new IllegalArgumentException(kind + " content needs data and a mimeType");
        }
    }
}
