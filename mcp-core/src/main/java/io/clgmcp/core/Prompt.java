package io.clgmcp.core;

import java.util.List;
import java.util.Map;

/**
 * A prompt template the server offers ({@code prompts/list}, {@code prompts/get}). The server
 * checks a client's arguments against {@link #arguments} before the handler runs: required ones
 * must be present and no unknown ones may appear.
 */
public record Prompt(
        String name, String title, String description, List<Argument> arguments, Handler handler) {
    public Prompt {
        if (name == null || name.isBlank() || handler == null) {
            throw new IllegalArgumentException("a prompt needs a name and a handler");
        }
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    /**
     * One argument a prompt takes.
     *
     * @param completer suggests values for {@code completion/complete}, or null for none
     */
    public record Argument(String name, String description, boolean required, Completer completer) {
        public Argument {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a prompt argument needs a name");
            }
        }
    }

    /** Fills the prompt in; it may block. */
    @FunctionalInterface
    public interface Handler {
        /**
         * @param arguments the client's arguments, already checked against the declared ones
         */
        Result get(Map<String, String> arguments) throws Exception;
    }

    /** The messages a filled-in prompt consists of, and an optional description. */
    public record Result(String description, List<Message> messages) {
        public Result {
            messages = List.copyOf(messages);
        }
    }

    /** One message of a prompt: who says it, and what. */
    public record Message(Role role, ContentBlock content) {
        public Message {
            if (role == null || content == null) {
                throw new IllegalArgumentException("a prompt message needs a role and content");
            }
        }

        public static Message user(ContentBlock content) {
            return new Message(Role.USER, content);
        }

        public static Message user(String text) {
            return user(new ContentBlock.Text(text));
        }
    }

    /** Who speaks a message. */
    public enum Role {
        USER,
        ASSISTANT;

        String wireName() {
            return this == USER ? "user" : "assistant";
        }
    }
}
