package io.clgmcp.bench;

import io.clgmcp.core.Tool;
import io.clgmcp.core.ToolResult;

/** What every target serves: a tool {@code echo} that says its {@code text} argument back. */
public final class EchoTool {
    static final String NAME = "echo";
    static final String DESCRIPTION = "Says the text back";
    static final String INPUT_SCHEMA =
            "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"string\"}},"
                    + "\"required\":[\"text\"]}";

    /** The benchmark's {@code tools/call}, as run.sh sends it. */
    public static final String REQUEST =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"echo\",\"arguments\":{\"text\":\"hello\"}}}";

    /**
     * The answer of our server to {@link #REQUEST}, byte for byte; run.sh checks that the bare
     * target still answers the same as ours.
     */
    public static final String RESPONSE =
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"content\":[{\"type\":\"text\","
                    + "\"text\":\"hello\"}],\"isError\":false}}";

    private EchoTool() {}

    /** The echo tool as our server offers it. */
    public static Tool tool() {
        return Tool.builder(NAME)
                .description(DESCRIPTION)
                .inputSchema(INPUT_SCHEMA)
                .handler(call -> ToolResult.text(call.arguments().get("text").getAsString()))
                .build();
    }
}
