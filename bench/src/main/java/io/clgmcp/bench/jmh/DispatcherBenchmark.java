package io.clgmcp.bench.jmh;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.clgmcp.bench.EchoTool;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.ServerInfo;
import io.clgmcp.core.Session;
import io.clgmcp.core.internal.SchemaValidator;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import io.clgmcp.core.jsonrpc.JsonRpcMessage;
import io.clgmcp.core.jsonrpc.JsonRpcRequest;
import io.clgmcp.core.jsonrpc.JsonRpcResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One {@code tools/call} of the echo tool through the core as {@code /rpc} serves it, without HTTP:
 * each stage alone (parse, validate, dispatch, serialise), then the whole path from request bytes
 * to reply bytes, for one call and for a batch of {@value #BATCH}. Run with {@code bench/jmh.sh}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Benchmark)
public class DispatcherBenchmark {
    static final int BATCH = 10;

    private McpServer server;
    private RpcPost post;
    private byte[] request;
    private byte[] batch;
    private JsonRpcMessage message;
    private JsonRpcResponse response;
    private SchemaValidator validator;
    private URI inputSchema;
    private JsonObject arguments;

    /** Builds a server as the application does (default options) with only the echo tool. */
    @Setup
    public void start() {
        server =
                McpServer.builder()
                        .serverInfo(new ServerInfo("clg-mcp-bench", "1", null))
                        .tool(EchoTool.tool())
                        .build();
        post = new RpcPost(server);
        request = EchoTool.REQUEST.getBytes(StandardCharsets.UTF_8);
        batch = batchOf(BATCH).getBytes(StandardCharsets.UTF_8);
        message = JsonRpcCodec.decode(RpcPost.read(request));
        response = post.dispatch(Session.ephemeral(), message).join();
        validator = new SchemaValidator();
        inputSchema = validator.register("echo:input", EchoTool.tool().inputSchema());
        arguments = ((JsonRpcRequest) message).params().getAsJsonObject("arguments");
        expect(EchoTool.RESPONSE, post.answer(request));
        expect(
                BATCH,
                JsonParser.parseString(new String(post.answer(batch), StandardCharsets.UTF_8))
                        .getAsJsonArray()
                        .size());
    }

    @TearDown
    public void stop() {
        server.close();
    }

    /** Request bytes to the message: UTF-8, strict JSON into a Gson tree, JSON-RPC checks. */
    @Benchmark
    public JsonRpcMessage parse() {
        return JsonRpcCodec.decode(RpcPost.read(request));
    }

    /** The echo tool's input schema checked against the call's arguments. */
    @Benchmark
    public List<String> validate() {
        return validator.problems(inputSchema, arguments);
    }

    /**
     * A parsed call to its response object as a single {@code /rpc} request: a fresh ephemeral
     * session, routing, argument checks, and the handler on this thread.
     */
    @Benchmark
    public JsonRpcResponse dispatch() {
        return post.dispatchHere(Session.ephemeral(), message).join();
    }

    /**
     * The same with the handler on a tool thread, as a batch's requests run, and this thread's wait
     * for its answer: what handing a call to another thread costs.
     */
    @Benchmark
    public JsonRpcResponse dispatchOnWorker() {
        return post.dispatch(Session.ephemeral(), message).join();
    }

    /** The response object to the reply's bytes. */
    @Benchmark
    public byte[] serialise() {
        return RpcPost.write(response);
    }

    /** Request bytes to reply bytes: all four stages. */
    @Benchmark
    public byte[] endToEnd() {
        return post.answer(request);
    }

    /** A batch of {@value #BATCH} calls in one body, bytes to bytes. */
    @Benchmark
    public byte[] endToEndBatch() {
        return post.answer(batch);
    }

    private static String batchOf(int calls) {
        JsonArray array = new JsonArray(calls);
        for (int id = 1; id <= calls; id++) {
            JsonObject call = JsonParser.parseString(EchoTool.REQUEST).getAsJsonObject();
            call.addProperty("id", id);
            array.add(call);
        }
        return array.toString();
    }

    private static void expect(String expected, byte[] actual) {
        expect(expected, new String(actual, StandardCharsets.UTF_8));
    }

    private static void expect(Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("expected " + expected + " but got " + actual);
        }
    }
}
