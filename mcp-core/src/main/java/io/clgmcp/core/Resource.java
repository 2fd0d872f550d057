package io.clgmcp.core;

/**
 * A resource the server offers at a fixed URI, as {@code resources/list} shows it, and the reader
 * that produces its contents. Contribute resources through {@link McpCoreModule#resources} or
 * {@link McpServer.Builder#resource}.
 *
 * @param title a name for people, or null
 * @param description what the resource holds, or null
 * @param mimeType the type of its contents, or null when unknown
 */
public record Resource(
        String uri, String name, String title, String description, String mimeType, Reader reader) {
    public Resource {
        if (uri == null || uri.isBlank() || name == null || reader == null) {
            throw new IllegalArgumentException("a resource needs a uri, a name and a reader");
        }
    }

    /** Produces the contents of a resource when a client reads it; it may block. */
    @FunctionalInterface
    public interface Reader {
        /**
         * @throws io.clgmcp.core.jsonrpc.McpException to answer with a particular error
         */
        java.util.List<ResourceContents> read(String uri) throws Exception;
    }
}
