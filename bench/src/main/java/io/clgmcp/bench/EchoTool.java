package io.clgmcp.bench;

/** What every target serves: a tool {@code echo} that says its {@code text} argument back. */
final class EchoTool {
    static final String NAME = "echo";
    static final String DESCRIPTION = "Says the text back";
    static final String INPUT_SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
                    + "\"required\":[\"text\"]}";

    /**
     * The answer of our server to the benchmark's {@code tools/call} (id 1, text {@code hello}),
     * byte for byte; run.sh checks that the bare target still answers the same as ours.
     */
    static final String RESPONSE =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\","
                    + "\"text\":\"hello\"}],\"isError\":false}}";

    private EchoTool() {}
}
