package io.clgmcp.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the official TypeScript SDK's "everything" server is: {@code
 * @modelcontextprotocol/server-everything}, pinned in {@code src/test/node/package.json} and
 * installed by the build's {@code npm ci}; run by the machine's {@code node}.
 */
public final class EverythingServer {
    /** The npm package of the client's interoperability tests. */
    static final Path PACKAGE =
            Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("src/test/node");

    /** The server's compiled scripts and the documents it serves. */
    static final Path DIST =
            PACKAGE.resolve("node_modules/@modelcontextprotocol/server-everything/dist");

    private EverythingServer() {}

    /** The server's script; fails when it is missing. */
    public static Path entry() {
        Path entry = DIST.resolve("index.js");
        if (!Files.isRegularFile(entry)) {
            throw new AssertionError(
                    entry
                            + " is missing: 'npm ci' in "
                            + PACKAGE
                            + " installs it during the build (generate-test-resources); run"
                            + " the tests through Maven, with Node.js and npm on the PATH");
        }
        return entry;
    }

    /** The command that runs it over stdio. */
    public static List<String> stdioCommand() {
        return List.of("node", entry().toString(), "stdio");
    }
}
