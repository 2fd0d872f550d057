package io.clgmcp.server.conformance;

import com.google.inject.AbstractModule;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.core.Prompt;
import io.clgmcp.core.Resource;
import io.clgmcp.core.ResourceTemplate;
import io.clgmcp.core.Tool;

/** Contributes the fixtures the official MCP conformance suite calls ({@code MCP_PROFILE}). */
public final class ConformanceModule extends AbstractModule {
    @Override
    protected void configure() {
        for (Tool tool : ConformanceTools.all()) {
            McpCoreModule.tools(binder()).addBinding().toInstance(tool);
        }
        for (Resource resource : ConformanceResources.resources()) {
            McpCoreModule.resources(binder()).addBinding().toInstance(resource);
        }
        for (ResourceTemplate template : ConformanceResources.templates()) {
            McpCoreModule.resourceTemplates(binder()).addBinding().toInstance(template);
        }
        for (Prompt prompt : ConformancePrompts.all()) {
            McpCoreModule.prompts(binder()).addBinding().toInstance(prompt);
        }
    }
}
