package io.clgmcp.client.cli;

import io.clgmcp.client.McpAuthException;
import io.clgmcp.client.McpClient;
import io.clgmcp.client.McpClientException;
import io.clgmcp.client.McpErrorException;
import io.clgmcp.client.McpTimeoutException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The command line of the client SDK: tries any MCP server from a terminal.
 *
 * <pre>
 * java -jar clg-mcp-client.jar --url http://127.0.0.1:8080/mcp tools
 * java -jar clg-mcp-client.jar --url http://127.0.0.1:8080/mcp call NAME '{"text":"hi"}'
 * java -jar clg-mcp-client.jar --command "node server.js stdio" tools
 * </pre>
 *
 * It prints results as JSON on standard output, and a failure as one line on standard error with an
 * exit code that says which kind it was (listed by {@code --help}).
 */
public final class Main {
    static final String USAGE =
            """
            Usage: java -jar clg-mcp-client.jar [OPTIONS] COMMAND [ARGUMENTS]

            Talks to an MCP server and prints what it answers as JSON on standard output.

            Options (before or after the command):
              --url URL             the server's endpoint, such as http://127.0.0.1:8080/mcp
              --command "PROGRAM [ARGUMENTS...]"
                                    instead of --url: launch the server and speak MCP to it
                                    over its standard input and output; the words are split
                                    at white space, with no quoting. It inherits this
                                    environment and directory, its standard error is not
                                    shown (an error quotes its last lines), and it is
                                    stopped, or killed, when the command is done
              --transport NAME      with --url: streamable (default; MCP Streamable HTTP, /mcp),
                                    legacy-sse (MCP 2024-11-05 HTTP+SSE, usually /sse),
                                    sse (this project's seed SSE protocol, /sse),
                                    jsonrpc (JSON-RPC over plain HTTP POST, /rpc)
              --token TOKEN         with --url: a bearer token to send (default: $MCP_TOKEN)
              --timeout SECONDS     how long each request may wait for its answer (default 60)
              --help                print this help

            Commands:
              tools                 list the tools (their descriptors as the server sent them)
              call NAME [JSON]      call a tool with a JSON object of arguments (default {})
              resources             list the resources
              templates             list the resource templates
              read URI              read a resource
              prompts               list the prompts
              prompt NAME [JSON]    get a prompt, filled with a JSON object of arguments
              conformance URL       act out the MCP conformance suite's client scenario named
                                    by $MCP_CONFORMANCE_SCENARIO against URL

            Exit codes:
              0  success
              1  the tool ran and reported an error (isError); its result is still printed
              2  bad command line
              3  the server answered with a JSON-RPC error
              4  the server refused the token (HTTP 401 or 403)
              5  the server could not be reached (or launched), broke the connection or
                 exited, or timed out

            Examples:
              java -jar clg-mcp-client.jar --url http://127.0.0.1:8080/mcp tools
              java -jar clg-mcp-client.jar --url http://127.0.0.1:8080/mcp --token "$TOKEN" \\
                  call NAME '{"text": "hi"}'
              java -jar clg-mcp-client.jar \\
                  --command "java -jar clg-mcp-server.jar --stdio" call NAME '{"text": "hi"}'
            """;

    /** The longest a connection may take to open, unless --timeout is shorter. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private Main() {}

    public static void main(String[] args) {
        // JSON is UTF-8, whatever the terminal's locale says.
        PrintStream out =
                new PrintStream(
                        new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err =
                new PrintStream(
                        new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        int code = run(args, System.getenv(), out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line; returns its exit code. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            Arguments arguments = Arguments.parse(args, env);
            if (arguments.help()) {
                out.print(USAGE);
                return ExitCodes.OK;
            }
            if (arguments.command() == null) {
                throw new UsageException("no command given (see --help)");
            }
            if (arguments.command().equals("conformance")) {
                return Conformance.run(arguments, env, out, err);
            }
            Commands.Action action = Commands.prepare(arguments.command(), arguments.operands());
            if (arguments.url() == null && arguments.serverCommand() == null) {
                throw new UsageException(
                        "--url or --command is required, such as --url http://127.0.0.1:8080/mcp"
                                + " or --command \"node server.js stdio\"");
            }
            McpClient.Builder builder =
                    arguments.serverCommand() != null
                            ? launching(arguments)
                            : builder(arguments, arguments.url());
            try (McpClient client = builder.connect()) {
                return action.run(client, out, err);
            }
        } catch (UsageException e) {
            err.println("error: " + JsonOutput.oneLine(e.getMessage()));
            return ExitCodes.USAGE;
        } catch (McpClientException e) {
            return report(e, err);
        } catch (RuntimeException e) {
            err.println("error: internal error: " + e);
            e.printStackTrace(err);
            return ExitCodes.INTERNAL;
        }
    }

    /** A client for the command line's options, to connect to {@code url}. */
    static McpClient.Builder builder(Arguments arguments, URI url) {
        Duration timeout = arguments.timeout();
        return McpClient.builder(url)
                .transport(arguments.transport())
                .bearerToken(arguments.token())
                .requestTimeout(timeout)
                .connectTimeout(timeout.compareTo(CONNECT_TIMEOUT) < 0 ? timeout : CONNECT_TIMEOUT);
    }

    /**
     * A client that launches the {@code --command} server. Its standard error would break the
     * one-line error contract, so it is not shown; an unexpected exit quotes its last lines.
     */
    private static McpClient.Builder launching(Arguments arguments) {
        return McpClient.builder(arguments.serverCommand())
                .requestTimeout(arguments.timeout())
                .stderr(line -> {});
    }

    /** Reports a failed operation as one line; returns the exit code for its kind. */
    private static int report(McpClientException e, PrintStream err) {
        String message = JsonOutput.oneLine(e.getMessage());
        if (e instanceof McpAuthException auth) {
            String status =
                    auth.status() == 403 ? "403 forbidden" : auth.status() + " unauthorized";
            err.println("error: " + status + ": " + message);
            return ExitCodes.AUTH;
        }
        if (e instanceof McpErrorException) {
            err.println("error: " + message);
            return ExitCodes.SERVER_ERROR;
        }
        if (e instanceof McpTimeoutException) {
            err.println("error: timed out: " + message);
            return ExitCodes.TRANSPORT;
        }
        // McpTransportException: its message says what failed, with the HTTP status if any.
        err.println("error: " + message);
        return ExitCodes.TRANSPORT;
    }
}
