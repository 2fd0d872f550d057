package io.clgmcp.core;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import java.util.Set;

/**
 * Binds the {@link McpServer}, built from every {@link Tool}, {@link Resource}, {@link
 * ResourceTemplate} and {@link Prompt} contributed through the multibinders below.
 *
 * <pre>{@code
 * McpCoreModule.tools(binder()).addBinding().toInstance(echo);
 * }</pre>
 */
public final class McpCoreModule extends AbstractModule {
    private final ServerInfo serverInfo;
    private final String instructions;
    private final ServerOptions options;

    public McpCoreModule(ServerInfo serverInfo, String instructions, ServerOptions options) {
        this.serverInfo = serverInfo;
        this.instructions = instructions;
        this.options = options;
    }

    /** Where a module contributes its tools. */
    public static Multibinder<Tool> tools(Binder binder) {
        return Multibinder.newSetBinder(binder, Tool.class);
    }

    /** Where a module contributes its resources. */
    public static Multibinder<Resource> resources(Binder binder) {
        return Multibinder.newSetBinder(binder, Resource.class);
    }

    /** Where a module contributes its resource templates. */
    public static Multibinder<ResourceTemplate> resourceTemplates(Binder binder) {
        return Multibinder.newSetBinder(binder, ResourceTemplate.class);
    }

    /** Where a module contributes its prompts. */
    public static Multibinder<Prompt> prompts(Binder binder) {
        return Multibinder.newSetBinder(binder, Prompt.class);
    }

    /** Where a transport contributes the streams a shutdown must end first. */
    public static Multibinder<LongLivedStreams> longLivedStreams(Binder binder) {
        return Multibinder.newSetBinder(binder, LongLivedStreams.class);
    }

    @Override
    protected void configure() {
        tools(binder());
        resources(binder());
        resourceTemplates(binder());
        prompts(binder());
        longLivedStreams(binder());
    }

    @Provides
    @Singleton
    McpServer mcpServer(
            Set<Tool> tools,
            Set<Resource> resources,
            Set<ResourceTemplate> resourceTemplates,
            Set<Prompt> prompts) {
        return McpServer.builder()
                .serverInfo(serverInfo)
                .instructions(instructions)
                .options(options)
                .tools(tools)
                .resources(resources)
                .resourceTemplates(resourceTemplates)
                .prompts(prompts)
                .build();
    }
}
