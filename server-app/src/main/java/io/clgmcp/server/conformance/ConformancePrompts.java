package io.clgmcp.server.conformance;

import io.clgmcp.core.Completer;
import io.clgmcp.core.ContentBlock;
import io.clgmcp.core.Prompt;
import io.clgmcp.core.ResourceContents;
import java.util.List;

/** The conformance suite's fixture prompts ({@code prompts-*} and {@code completion-*}). */
final class ConformancePrompts {
    /** What {@code completion/complete} suggests for {@code arg1}, filtered by prefix. */
    private static final List<String> ARG1_SUGGESTIONS =
            List.of("paris", "park", "party", "test", "testValue1");

    private ConformancePrompts() {}

    static List<Prompt> all() {
        return List.of(simple(), withArguments(), withEmbeddedResource(), withImage());
    }

    private static Prompt simple() {
        return new Prompt(
                "test_simple_prompt",
                "Simple Test Prompt",
                "A simple prompt without arguments",
                List.of(),
                arguments -> result(Prompt.Message.user("This is a simple prompt for testing.")));
    }

    private static Prompt withArguments() {
        Completer arg1 =
                (value, context) ->
                        ARG1_SUGGESTIONS.stream()
                                .filter(suggestion -> suggestion.startsWith(value))
                                .toList();
        return new Prompt(
                "test_prompt_with_arguments",
                "Prompt With Arguments",
                "A prompt with required arguments",
                List.of(
                        new Prompt.Argument("arg1", "First test argument", true, arg1),
                        new Prompt.Argument("arg2", "Second test argument", true, null)),
                arguments ->
                        result(
                                Prompt.Message.user(
                                        "Prompt with arguments: arg1='"
                                                + arguments.get("arg1")
                                                + "', arg2='"
                                                + arguments.get("arg2")
                                                + "'")));
    }

    private static Prompt withEmbeddedResource() {
        return new Prompt(
                "test_prompt_with_embedded_resource",
                "Prompt With Embedded Resource",
                "A prompt that includes an embedded resource",
                List.of(
                        new Prompt.Argument(
                                "resourceUri", "URI of the resource to embed", true, null)),
                arguments ->
                        result(
                                Prompt.Message.user(
                                        new ContentBlock.EmbeddedResource(
                                                ResourceContents.text(
                                                        arguments.get("resourceUri"),
                                                        "text/plain",
                                                        "Embedded resource content for testing."))),
                                Prompt.Message.user(
                                        "Please process the embedded resource above.")));
    }

    private static Prompt withImage() {
        return new Prompt(
                "test_prompt_with_image",
                "Prompt With Image",
                "A prompt that includes image content",
                List.of(),
                arguments ->
                        result(
                                Prompt.Message.user(
                                        ContentBlock.Image.of(
                                                ConformanceMedia.png(),
                                                ConformanceMedia.PNG_MIME_TYPE)),
                                Prompt.Message.user("Please analyze the image above.")));
    }

    private static Prompt.Result result(Prompt.Message... messages) {
        return new Prompt.Result(null, List.of(messages));
    }
}
