package io.clgmcp.server.genealogy;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.clgmcp.core.McpCoreModule;
import io.clgmcp.core.Tool;

/**
 * The genealogy tools that find research resources on Cyndi's List, contributed to the server's
 * tool registry, with the fetching, caching and parsing of the site's pages they share.
 */
public final class GenealogyModule extends AbstractModule {
    private final SiteOptions options;

    public GenealogyModule(SiteOptions options) {
        this.options = options;
    }

    @Override
    protected void configure() {
        bind(SiteOptions.class).toInstance(options);
        bind(SitePages.class).asEagerSingleton();
        bind(CyndisList.class).asEagerSingleton();
        Multibinder<Tool> tools = McpCoreModule.tools(binder());
        tools.addBinding().toProvider(SearchResourcesTool.class);
        tools.addBinding().toProvider(BrowseCategoriesTool.class);
        tools.addBinding().toProvider(ResourceDetailsTool.class);
        tools.addBinding().toProvider(FilterResourcesTool.class);
        tools.addBinding().toProvider(LocationResourcesTool.class);
    }
}
