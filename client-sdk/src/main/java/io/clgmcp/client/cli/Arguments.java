package io.clgmcp.client.cli;

import io.clgmcp.client.Transport;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed command line: options ({@code --url URL}, {@code --url=URL}, ...) may come before or
 * after the command; {@code --} ends them. The token falls back to {@code MCP_TOKEN}. The server is
 * either reached by {@code url} or launched by {@code serverCommand} (the words of {@code
 * --command}; null without it).
 */
record Arguments(
        String command,
        List<String> operands,
        URI url,
        List<String> serverCommand,
        Transport transport,
        String token,
        Duration timeout,
        boolean help) {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    Arguments {
        operands = List.copyOf(operands);
        serverCommand = serverCommand == null ? null : List.copyOf(serverCommand);
    }

    static Arguments parse(String[] args, Map<String, String> env) throws UsageException {
        List<String> positional = new ArrayList<>();
        URI url = null;
        List<String> serverCommand = null;
        Transport transport = null;
        String token = null;
        Duration timeout = DEFAULT_TIMEOUT;
        boolean help = false;
        boolean optionsEnded = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (optionsEnded || !arg.startsWith("-") || arg.equals("-")) {
                positional.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsEnded = true;
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            if (!List.of("--url", "--command", "--transport", "--token", "--timeout")
                    .contains(name)) {
                throw new UsageException("unknown option " + name);
            }
            String value;
            if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new UsageException(name + " needs a value");
            }
            switch (name) {
                case "--url" -> url = url(value);
                case "--command" -> serverCommand = serverCommand(value);
                case "--transport" -> transport = transport(value);
                case "--token" -> token = value;
                default -> timeout = timeout(value);
            }
        }
        if (serverCommand != null) {
            launchedOnly(url, transport, token);
        } else if (token == null) {
            token = env.get("MCP_TOKEN");
        }
        if (token != null && token.isBlank()) {
            token = null;
        }
        String command = positional.isEmpty() ? null : positional.get(0);
        List<String> operands =
                positional.isEmpty() ? List.of() : positional.subList(1, positional.size());
        return new Arguments(
                command,
                operands,
                url,
                serverCommand,
                transport == null ? Transport.STREAMABLE : transport,
                token,
                timeout,
                help);
    }

    /**
     * The words of {@code --command}, split at white space: the program, then its arguments. There
     * is no quoting; an argument with spaces needs a script around the server.
     */
    private static List<String> serverCommand(String value) throws UsageException {
        if (value.isBlank()) {
            throw new UsageException(
                    "--command needs the server's program and arguments, such as"
                            + " --command \"node server.js stdio\"");
        }
        return List.of(value.strip().split("\\s+"));
    }

    /** Refuses what only applies to a server reached by URL, given with {@code --command}. */
    private static void launchedOnly(URI url, Transport transport, String token)
            throws UsageException {
        if (url != null) {
            throw new UsageException(
                    "give either --url or --command, not both: the server is reached by URL or"
                            + " launched by the client");
        }
        if (transport != null) {
            throw new UsageException(
                    "--transport applies to --url; a --command server is spoken to over its stdio");
        }
        if (token != null) {
            throw new UsageException(
                    "--token applies to --url; give a --command server its credentials in its"
                            + " environment");
        }
    }

    /** An absolute {@code http} or {@code https} URL. */
    static URI url(String value) throws UsageException {
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Reported below, as any other unusable URL.
        }
        throw new UsageException(
                "--url must be an http:// or https:// URL, such as http://127.0.0.1:8080/mcp;"
                        + " got '"
                        + value
                        + "'");
    }

    private static Transport transport(String value) throws UsageException {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "jsonrpc" -> Transport.JSONRPC;
            case "sse" -> Transport.SSE;
            case "streamable" -> Transport.STREAMABLE;
            case "legacy-sse" -> Transport.LEGACY_SSE;
            default ->
                    throw new UsageException(
                            "--transport must be jsonrpc, sse, streamable or legacy-sse; got '"
                                    + value
                                    + "'");
        };
    }

    private static Duration timeout(String value) throws UsageException {
        try {
            BigDecimal seconds = new BigDecimal(value);
            long millis = seconds.movePointRight(3).longValueExact();
            if (millis > 0) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // Reported below.
        }
        throw new UsageException(
                "--timeout must be a positive number of seconds (at most millisecond precision);"
                        + " got '"
                        + value
                        + "'");
    }
}
