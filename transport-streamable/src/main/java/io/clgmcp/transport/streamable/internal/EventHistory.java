package io.clgmcp.transport.streamable.internal;

import java.util.List;
import java.util.Optional;

/**
 * The recent events of one session, across all its streams, so that a client reconnecting with
 * {@code Last-Event-ID} gets what it missed: in this process ({@link SessionEvents}), or in the
 * cluster's store, where any instance can find them ({@link StoredEvents}). Event ids count up from
 * 1 per session; the oldest events are forgotten beyond a bound.
 */
interface EventHistory {
    /** One event of a channel; empty data marks a priming event. */
    record Event(long id, String data) {
        boolean isPriming() {
            return data.isEmpty();
        }
    }

    /** Whether other instances add to this history too, so that it alone knows the order. */
    boolean isShared();

    /** Records an event and gives its id. */
    long append(StreamChannel channel, String data);

    /** The stream an event still in the history belongs to. */
    Optional<StreamChannel> channelOf(long eventId);

    /** A channel's events with ids above {@code after}, oldest first, priming events left out. */
    List<Event> of(StreamChannel channel, long after);
}
