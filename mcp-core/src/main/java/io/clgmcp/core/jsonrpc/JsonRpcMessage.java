package io.clgmcp.core.jsonrpc;

/**
 * One JSON-RPC 2.0 message, in either direction. A message owns the JSON trees it is built with:
 * whoever builds one must not change those trees afterwards, and accessors hand out copies.
 */
public sealed interface JsonRpcMessage
        permits JsonRpcRequest, JsonRpcNotification, JsonRpcResponse {}
