package io.clgmcp.transport.streamable.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The recent events of one session, across all its streams, so that a client reconnecting with
 * {@code Last-Event-ID} gets what it missed. Event ids count up from 1 per session; the oldest
 * events are forgotten beyond a bound.
 */
final class SessionEvents {
    /** One event: the stream it belongs to and its data; empty data marks a priming event. */
    record Event(long id, StreamChannel channel, String data) {
        boolean isPriming() {
            return data.isEmpty();
        }
    }

    private final Deque<Event> history = new ArrayDeque<>();
    private final int capacity;
    private long lastId;

    SessionEvents(int capacity) {
        this.capacity = capacity;
    }

    /** Records an event and gives its id. */
    synchronized long append(StreamChannel channel, String data) {
        Event event = new Event(++lastId, channel, data);
        if (history.size() == capacity) {
            history.removeFirst();
        }
        history.addLast(event);
        return event.id();
    }

    /** The stream an event still in the history belongs to. */
    synchronized Optional<StreamChannel> channelOf(long eventId) {
        return history.stream()
                .filter(event -> event.id() == eventId)
                .map(Event::channel)
                .findFirst();
    }

    /** A channel's events with ids above {@code after}, oldest first. */
    synchronized List<Event> of(StreamChannel channel, long after) {
        List<Event> events = new ArrayList<>();
        for (Event event : history) {
            if (event.channel() == channel && event.id() > after && !event.isPriming()) {
                events.add(event);
            }
        }
        return events;
    }
}
