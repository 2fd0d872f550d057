package io.clgmcp.core.cluster;

/**
 * One Streamable HTTP session as the cluster knows it: its id, the caller it is bound to, and the
 * {@link io.clgmcp.core.SessionState} of its core session as JSON text.
 */
public record SessionRecord(String id, String caller, String state) {}
