package io.clgmcp.transport.stdio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.Stage;
import com.google.inject.TypeLiteral;
import io.clgmcp.core.LongLivedStreams;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.core.McpServer;
import io.clgmcp.core.ServerInfo;
import io.clgmcp.core.ServerOptions;
import io.clgmcp.core.jsonrpc.JsonRpcCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StdioTransportModuleTest {
    @Test
    void servesTheInjectorsServerAndEndsWithAGracefulShutdown() throws Exception {
        ByteArrayInputStream in =
                new ByteArrayInputStream(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}\n"
                                .getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Injector injector =
                Guice.createInjector(
                        Stage.PRODUCTION,
                        new McpCoreModule(
                                new ServerInfo("stdio-test", "0.0.1", "stdio under test"),
                                null,
                                ServerOptions.defaults()),
                        new StdioTransportModule(in, out, 1024));
        try (McpServer server = injector.getInstance(McpServer.class)) {
            StdioTransport transport = injector.getInstance(StdioTransport.class);
            Set<LongLivedStreams> streams =
                    injector.getInstance(Key.get(new TypeLiteral<Set<LongLivedStreams>>() {}));
            assertEquals(1, streams.size());
            assertSame(transport, streams.iterator().next());

            transport.serve();

            String written = out.toString(StandardCharsets.UTF_8);
            assertTrue(written.endsWith("\n"), written);
            JsonObject pong = JsonRpcCodec.parse(written.strip()).getAsJsonObject();
            assertEquals(1, pong.get("id").getAsInt());
            streams.forEach(LongLivedStreams::closeAll);
            assertTrue(transport.awaitEnd(Duration.ofSeconds(5)));
        }
    }
}
