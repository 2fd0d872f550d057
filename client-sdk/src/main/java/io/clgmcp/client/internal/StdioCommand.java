package io.clgmcp.client.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How to launch a server that speaks MCP over its standard input and output: the program and its
 * arguments, variables to add to the environment it inherits, its working directory (null for this
 * process's), how long it is given to exit at each step of closing, and who hears the lines it
 * writes to its standard error (null: the logger {@code io.clgmcp.client.stdio.stderr}, at {@code
 * INFO}).
 */
public record StdioCommand(
        List<String> command,
        Map<String, String> environment,
        Path workingDirectory,
        Duration shutdownGrace,
        Consumer<String> stderr) {
    private static final System.Logger STDERR_LOG =
            System.getLogger("io.clgmcp.client.stdio.stderr");

    public StdioCommand {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        if (stderr == null) {
            stderr = line -> STDERR_LOG.log(System.Logger.Level.INFO, line);
        }
    }

    /** The process to start, its three streams piped to this one. */
    ProcessBuilder processBuilder() {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        return builder;
    }

    /** The command as a person would type it, for messages. */
    String display() {
        return String.join(" ", command);
    }
}
