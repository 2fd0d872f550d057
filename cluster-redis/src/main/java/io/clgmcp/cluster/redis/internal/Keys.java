package io.clgmcp.cluster.redis.internal;

/**
 * The names of a cluster's keys and channels, all under its namespace so that clusters (and tests)
 * can share one Redis.
 */
record Keys(String namespace) {
    String instances() {
        return namespace + ":instances";
    }

    String streams() {
        return namespace + ":streams";
    }

    String streamsOf(String limitKey) {
        return namespace + ":streams-of:" + limitKey;
    }

    String stream(String id) {
        return namespace + ":stream:" + id;
    }

    String sessions() {
        return namespace + ":sessions";
    }

    String session(String id) {
        return namespace + ":session:" + id;
    }

    String events(String sessionId) {
        return namespace + ":events:" + sessionId;
    }

    String channelTo(String instanceId, String topic) {
        return namespace + ":to:" + instanceId + ":" + topic;
    }

    String channelToAll(String topic) {
        return namespace + ":all:" + topic;
    }
}
