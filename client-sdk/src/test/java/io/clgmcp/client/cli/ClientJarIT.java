package io.clgmcp.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The packaged command line, {@code target/clg-mcp-client.jar}: what it holds (the SDK, mcp-core
 * and Gson, nothing of the server's libraries), and that it runs on its own in a JVM of its own,
 * with its exit codes and UTF-8 output whatever the locale.
 */
class ClientJarIT {
    static final Path JAR =
            Path.of(System.getProperty("basedir", ""))
                    .toAbsolutePath()
                    .resolve("target/clg-mcp-client.jar");

    /** What the jar may hold: the SDK, mcp-core, Gson and their metadata. */
    private static final List<String> ALLOWED =
            List.of("io/clgmcp/client/", "io/clgmcp/core/", "com/google/gson/", "META-INF/");

    @Test
    void holdsTheSdkCoreAndGsonOnly() throws IOException {
        List<String> strays = new ArrayList<>();
        try (JarFile jar = new JarFile(packaged().toFile())) {
            assertEquals(
                    "io.clgmcp.client.cli.Main",
                    jar.getManifest().getMainAttributes().getValue("Main-Class"));
            assertTrue(jar.getEntry("io/clgmcp/client/McpClient.class") != null);
            assertTrue(jar.getEntry("io/clgmcp/core/jsonrpc/JsonRpcCodec.class") != null);
            assertTrue(jar.getEntry("com/google/gson/Gson.class") != null);
            Collections.list(jar.entries()).stream()
                    .map(entry -> entry.getName())
                    .filter(name -> !name.endsWith("/"))
                    .filter(name -> ALLOWED.stream().noneMatch(name::startsWith))
                    .forEach(strays::add);
            Collections.list(jar.entries()).stream()
                    .map(entry -> entry.getName())
                    .filter(
                            name ->
                                    name.endsWith("module-info.class")
                                            || name.matches("META-INF/[^/]+\\.(SF|DSA|RSA)"))
                    .forEach(strays::add);
        }
        assertEquals(List.of(), strays, "the jar holds more than the SDK, mcp-core and Gson");
    }

    @Test
    void runsOnItsOwnWithUtf8OutputAndItsExitCodes() throws Exception {
        try (CliServer server = CliServer.start()) {
            String url = server.url("/mcp");

            Result echoed =
                    java(
                            "--url",
                            url,
                            "--token",
                            CliServer.TOKEN,
                            "call",
                            "echo",
                            // Under the C locale the JVM cannot read non-ASCII arguments, but
                            // JSON escapes are ASCII.
                            "{\"text\":\"Zo\\u00eb \\u2713 \\u65e5\\u672c\"}");
            Result refused = java("--url", url, "--token", "wrong", "tools");
            Result usage = java("--url", url, "frobnicate");
            Result help = java("--help");

            assertEquals(0, echoed.code(), echoed::toString);
            assertTrue(echoed.out().contains("\"text\": \"Zoë ✓ 日本\""), echoed::toString);
            assertEquals(4, refused.code(), refused::toString);
            assertTrue(refused.err().startsWith("error: 401 unauthorized: "), refused::toString);
            assertEquals(1, refused.err().lines().count(), refused::toString);
            assertEquals(2, usage.code(), usage::toString);
            assertEquals(0, help.code(), help::toString);
            assertTrue(help.out().startsWith("Usage: "), help::toString);
        }
    }

    static Path packaged() {
        if (!Files.isRegularFile(JAR)) {
            fail(JAR + " is missing: run the integration tests through 'mvn verify'");
        }
        return JAR;
    }

    /** Runs the jar in a JVM of its own under the C locale, where Java would print ASCII. */
    private static Result java(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(packaged().toString());
        command.addAll(List.of(args));
        ProcessBuilder builder =
                new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().remove("MCP_TOKEN");
        builder.environment().remove("LANG");
        builder.environment().put("LC_ALL", "C");
        Process process = builder.start();
        CompletableFuture<String> out = read(process.getInputStream());
        CompletableFuture<String> err = read(process.getErrorStream());
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the jar did not end within 60 s: " + command);
        }
        return new Result(process.exitValue(), out.get(), err.get());
    }

    private static CompletableFuture<String> read(java.io.InputStream stream) {
        return CompletableFuture.supplyAsync(
                () -> {
                    try (stream) {
                        return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        return "(unreadable: " + e + ")";
                    }
                });
    }

    private record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }
}
