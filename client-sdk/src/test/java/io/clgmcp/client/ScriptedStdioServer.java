package io.clgmcp.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A small MCP server over stdio, run as a child process by the stdio tests, that misbehaves in the
 * ways its first argument names. It answers {@code initialize}, {@code ping}, {@code tools/list}
 * and {@code tools/call} of {@code echo} (its {@code text}), {@code env} (the variable {@code
 * name}), {@code cwd} and {@code die} (exits with status 7 without answering).
 *
 * <ul>
 *   <li>{@code plain}: exits when its standard input ends.
 *   <li>{@code garbage}: writes lines that are no JSON-RPC message before each answer.
 *   <li>{@code chatty}: writes a megabyte to standard error before it reads anything, far more than
 *       a pipe holds.
 *   <li>{@code ignores-eof}: keeps running when its standard input ends.
 *   <li>{@code ignores-eof-and-term}: that, and a {@code SIGTERM} does not end it either.
 *   <li>{@code exits}: says why on standard error and exits with status 3 at once.
 * </ul>
 */
public final class ScriptedStdioServer {
    private static final List<String> MODES =
            List.of("plain", "garbage", "chatty", "ignores-eof", "ignores-eof-and-term", "exits");

    private ScriptedStdioServer() {}

    /** The command that runs it in that mode, with this JVM's class path. */
    public static List<String> command(String mode) {
        if (!MODES.contains(mode)) {
            throw new IllegalArgumentException(mode);
        }
        return List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                ScriptedStdioServer.class.getName(),
                mode);
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        PrintStream out =
                new PrintStream(
                        new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        if (mode.equals("exits")) {
            System.err.println("scripted server: no configuration, giving up");
            System.exit(3);
        }
        if (mode.equals("ignores-eof-and-term")) {
            CountDownLatch never = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> await(never)));
        }
        System.err.println("scripted server: started in mode " + mode);
        if (mode.equals("chatty")) {
            String noise = "scripted server: noise ".repeat(40);
            for (int i = 0; i < 1_000_000 / noise.length(); i++) {
                System.err.println(noise);
            }
        }
        BufferedReader in =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            JsonRpcMessage message = JsonRpcCodec.decode(JsonRpcCodec.parse(line));
            if (message instanceof JsonRpcRequest request) {
                if (mode.equals("garbage")) {
                    out.println("this line is no JSON");
                    out.println("{\"jsonrpc\":\"1.0\",\"note\":\"JSON, but no JSON-RPC message\"}");
                    out.println();
                    out.println("[1, 2");
                }
                out.println(JsonRpcCodec.encode(answer(request)));
                out.flush();
            }
        }
        if (mode.startsWith("ignores-eof")) {
            await(new CountDownLatch(1));
        }
    }

    private static JsonRpcResponse answer(JsonRpcRequest request) {
        JsonObject result =
                switch (request.method()) {
                    case "initialize" ->
                            JsonParser.parseString(
                                            "{\"protocolVersion\":\"2025-11-25\","
                                                    + "\"capabilities\":{\"tools\":{}},"
                                                    + "\"serverInfo\":{\"name\":\"scripted\","
                                                    + "\"version\":\"1.0\"}}")
                                    .getAsJsonObject();
                    case "tools/list" -> tools();
                    case "tools/call" -> call(request.params());
                    default -> new JsonObject();
                };
        return JsonRpcResponse.success(request.id(), result);
    }

    private static JsonObject tools() {
        JsonArray tools = new JsonArray();
        for (String name : List.of("echo", "env", "cwd", "die")) {
            JsonObject tool = new JsonObject();
            tool.addProperty("name", name);
            tool.add("inputSchema", JsonParser.parseString("{\"type\":\"object\"}"));
            tools.add(tool);
        }
        JsonObject result = new JsonObject();
        result.add("tools", tools);
        return result;
    }

    private static JsonObject call(JsonObject params) {
        JsonObject arguments = params.getAsJsonObject("arguments");
        String text =
                switch (params.get("name").getAsString()) {
                    case "echo" -> arguments.get("text").getAsString();
                    case "env" ->
                            String.valueOf(System.getenv(arguments.get("name").getAsString()));
                    case "cwd" -> Path.of("").toAbsolutePath().toString();
                    case "die" -> {
                        System.err.println("scripted server: asked to die");
                        System.exit(7);
                        yield "";
                    }
                    default -> throw new IllegalArgumentException(params.toString());
                };
        JsonObject content = new JsonObject();
        content.addProperty("type", "text");
        content.addProperty("text", text);
        JsonArray blocks = new JsonArray();
        blocks.add(content);
        JsonObject result = new JsonObject();
        result.add("content", blocks);
        return result;
    }

    private static void await(CountDownLatch never) {
        try {
            never.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
