package io.clgmcp.client.cli;

/** The exit statuses of the command line, one per way it can end. */
final class ExitCodes {
    /** The command did what it was asked. */
    static final int OK = 0;

    /** A tool ran and reported failure ({@code isError: true}); its result is still printed. */
    static final int TOOL_ERROR = 1;

    /** The command line was wrong: an unknown command or option, a missing or bad value. */
    static final int USAGE = 2;

    /** The server answered with a JSON-RPC error (unknown tool, invalid params, ...). */
    static final int SERVER_ERROR = 3;

    /** The server refused the credentials (HTTP 401) or the access (403). */
    static final int AUTH = 4;

    /** The server could not be reached, broke the connection, or did not answer in time. */
    static final int TRANSPORT = 5;

    /** A fault of the command line itself; it prints a stack trace. */
    static final int INTERNAL = 70;

    private ExitCodes() {}
}
