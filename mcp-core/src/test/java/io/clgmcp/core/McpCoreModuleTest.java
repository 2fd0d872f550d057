package io.clgmcp.core;

import static io.clgmcp.core.RecordingSink.request;
import static io.clgmcp.core.RecordingSink.resultOf;
import static io.clgmcp.core.RecordingSink.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.inject.AbstractModule;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class McpCoreModuleTest {
    private static final McpCoreModule CORE =
            new McpCoreModule(
                    new ServerInfo("clg-mcp", "1.0.0", "CLG-MCP"),
                    "Use the tools.",
                    ServerOptions.defaults());

    @Test
    void servesToolsContributedByDifferentModules() throws Exception {
        Injector injector =
                Guice.createInjector(
                        Stage.PRODUCTION,
                        CORE,
                        contributing(tool("search")),
                        contributing(tool("browse")));

        try (McpServer server = injector.getInstance(McpServer.class)) {
            assertEquals(
                    Set.of("search", "browse"),
                    server.tools().stream().map(Tool::name).collect(Collectors.toSet()));
            assertEquals(Set.of("search", "browse"), listedNames(server));
            assertSame(server, injector.getInstance(McpServer.class));
        }
    }

    @Test
    void servesNoToolsWhenNoneAreContributed() {
        try (McpServer server =
                Guice.createInjector(Stage.PRODUCTION, CORE).getInstance(McpServer.class)) {
            assertTrue(server.tools().isEmpty());
        }
    }

    @Test
    void refusesToStartWhenTwoContributedToolsShareAName() {
        Tool first = tool("search");
        Tool second =
                Tool.builder("search")
                        .description("Another search")
                        .inputSchema("{\"type\":\"object\"}")
                        .handler(context -> ToolResult.text("other"))
                        .build();

        CreationException failure =
                assertThrows(
                        CreationException.class,
                        () ->
                                Guice.createInjector(
                                        Stage.PRODUCTION,
                                        CORE,
                                        contributing(first),
                                        contributing(second)));

        assertTrue(
                failure.getMessage().contains("more than one tool is named search"),
                failure.getMessage());
    }

    private static Module contributing(Tool tool) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                McpCoreModule.tools(binder()).addBinding().toInstance(tool);
            }
        };
    }

    private static Set<String> listedNames(McpServer server) throws Exception {
        JsonElement tools =
                resultOf(
                                RecordingSink.exchange(
                                        server,
                                        Session.ephemeral(),
                                        request(1, "tools/list", null)))
                        .get("tools");
        return StreamSupport.stream(tools.getAsJsonArray().spliterator(), false)
                .map(tool -> tool.getAsJsonObject().get("name").getAsString())
                .collect(Collectors.toSet());
    }
}
