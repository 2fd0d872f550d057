package io.clgmcp.core;

/**
 * Runs one tool call. It runs on the server's tool executor, never on a transport's thread, and may
 * block. Arguments have already been checked against the tool's input schema.
 *
 * <p>A handler reports a failure the caller should see by returning {@link ToolResult#error}; an
 * exception it throws becomes such a result too, with the exception's message and no stack trace.
 */
@FunctionalInterface
public interface ToolHandler {
    ToolResult call(ToolContext context) throws Exception;
}
