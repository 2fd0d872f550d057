package io.clgmcp.client;

import java.util.List;

/** A prompt as {@code prompts/list} describes it. */
public record PromptInfo(String name, String title, String description, List<Argument> arguments) {
    public PromptInfo {
        arguments = List.copyOf(arguments);
    }

    /** One argument the prompt takes. */
    public record Argument(String name, String description, boolean required) {}
}
