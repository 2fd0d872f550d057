package io.clgmcp.core;

/** One block of a tool result's {@code content}. */
public sealed interface ContentBlock permits ContentBlock.Text {
    /** Plain text, as {@code {"type":"text","text":"..."}}. */
    record Text(String text) implements ContentBlock {
        public Text {
            if (text == null) {
                throw new IllegalArgumentException("text content needs text");
            }
        }
    }
}
