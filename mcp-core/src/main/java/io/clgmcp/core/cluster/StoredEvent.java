package io.clgmcp.core.cluster;

/** One event of a session's history: its id, the channel (stream) it belongs to, its data. */
public record StoredEvent(long id, String channelId, String data) {}
