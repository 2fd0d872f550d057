package io.clgmcp.transport.stdio;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.core.McpServer;
import io.clgmcp.transport.stdio.internal.StdioConnection;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The stdio transport: the server reads newline-delimited JSON-RPC from an input stream (the
 * process's standard input) and writes its messages, one a line, to an output stream (standard
 * output). It binds {@link StdioTransport}, which the application runs in place of an HTTP server.
 */
public final class StdioTransportModule extends AbstractModule {
    /** The transport's name in logs and configuration. */
    public static final String NAME = "stdio";

    private final InputStream in;
    private final OutputStream out;
    private final int maxLineBytes;

    /**
     * @param in where the client's messages come from
     * @param out where the server's messages go, and nothing else
     * @param maxLineBytes the longest line taken; a longer one is answered with an error and
     *     skipped
     */
    public StdioTransportModule(InputStream in, OutputStream out, int maxLineBytes) {
        this.in = in;
        this.out = out;
        this.maxLineBytes = maxLineBytes;
    }

    @Override
    protected void configure() {
        bind(StdioTransport.class).to(StdioConnection.class);
        McpCoreModule.longLivedStreams(binder()).addBinding().to(StdioConnection.class);
    }

    @Provides
    @Singleton
    StdioConnection connection(McpServer server) {
        return new StdioConnection(server, in, out, maxLineBytes);
    }
}
