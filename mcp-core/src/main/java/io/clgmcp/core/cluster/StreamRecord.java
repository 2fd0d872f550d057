package io.clgmcp.core.cluster;

/**
 * One SSE stream as the cluster knows it: its id, the instance holding it, the caller it belongs
 * to, and the key its caller's allowance of streams is counted by.
 */
public record StreamRecord(String id, String owner, String caller, String limitKey) {}
