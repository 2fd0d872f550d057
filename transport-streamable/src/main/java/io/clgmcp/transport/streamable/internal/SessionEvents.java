package io.clgmcp.transport.streamable.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** A session's event history in this process, for a server on its own. */
final class SessionEvents implements EventHistory {
    private record Entry(long id, StreamChannel channel, String data) {}

    private final Deque<Entry> history = new ArrayDeque<>();
    private final int capacity;
    private long lastId;

    SessionEvents(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public boolean isShared() {
        return false;
    }

    @Override
    public synchronized long append(StreamChannel channel, String data) {
        Entry entry = new Entry(++lastId, channel, data);
        if (history.size() == capacity) {
            history.removeFirst();
        }
        history.addLast(entry);
        return entry.id();
    }

    @Override
    public synchronized Optional<StreamChannel> channelOf(long eventId) {
        return history.stream()
                .filter(entry -> entry.id() == eventId)
                .map(Entry::channel)
                .findFirst();
    }

    @Override
    public synchronized List<Event> of(StreamChannel channel, long after) {
        List<Event> events = new ArrayList<>();
        for (Entry entry : history) {
            if (entry.channel() == channel && entry.id() > after && !entry.data().isEmpty()) {
                events.add(new Event(entry.id(), entry.data()));
            }
        }
        return events;
    }
}
