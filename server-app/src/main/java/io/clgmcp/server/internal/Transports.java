package io.clgmcp.server.internal;

import com.google.inject.Module;
import io.clgmcp.server.ServerConfig;
import io.clgmcp.transport.jsonrpc.JsonRpcTransportModule;
import io.clgmcp.transport.sse.SseTransportModule;
import io.clgmcp.transport.streamable.StreamableHttpTransportModule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The transports this server can offer, by the name {@code MCP_TRANSPORTS} uses. */
public final class Transports {
    private static final Map<String, Function<ServerConfig, Module>> AVAILABLE =
            new LinkedHashMap<>();

    static {
        AVAILABLE.put(
                JsonRpcTransportModule.NAME,
                config -> new JsonRpcTransportModule(config.maxBodyBytes()));
        AVAILABLE.put(
                SseTransportModule.NAME, config -> new SseTransportModule(config.sseOptions()));
        AVAILABLE.put(
                StreamableHttpTransportModule.NAME,
                config -> new StreamableHttpTransportModule(config.streamableOptions()));
    }

    private Transports() {}

    public static List<String> names() {
        return List.copyOf(AVAILABLE.keySet());
    }

    /** The Guice modules of the transports a configuration chose. */
    static List<Module> modulesFor(ServerConfig config) {
        return config.transports().stream().map(name -> AVAILABLE.get(name).apply(config)).toList();
    }
}
