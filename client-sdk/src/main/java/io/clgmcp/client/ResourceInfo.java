package io.clgmcp.client;

/**
 * A resource as {@code resources/list} describes it, or a template as {@code
 * resources/templates/list} does (then {@code uri} is the URI template); optional fields may be
 * null.
 */
public record ResourceInfo(
        String uri, String name, String title, String description, String mimeType) {}
