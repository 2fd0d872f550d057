package io.clgmcp.bench.sse;

import java.util.concurrent.Flow;

/**
 * Turns the lines of a {@code text/event-stream} body into events, as the format defines them:
 * {@code event:} and {@code data:} fields up to a blank line; comments, {@code id:} and {@code
 * retry:} are skipped. Lines arrive one at a time, never concurrently.
 */
final class EventParser implements Flow.Subscriber<String> {
    /** Receives the events of one stream, then its end. */
    interface Listener {
        void onEvent(String type, String data);

        /**
         * @param failure why the stream broke, or null when the server ended it
         */
        void onEnd(Throwable failure);
    }

    private final Listener listener;
    private final StringBuilder data = new StringBuilder();
    private String type;
    private boolean hasData;
    private volatile Flow.Subscription subscription;

    EventParser(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    /** Stops reading, which closes the connection; the listener hears of no end. */
    void cancel() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    @Override
    public void onNext(String line) {
        if (line.isEmpty()) {
            if (hasData) {
                listener.onEvent(type == null ? "message" : type, data.toString());
            }
            type = null;
            data.setLength(0);
            hasData = false;
            return;
        }
        int colon = line.indexOf(':');
        if (colon == 0) {
            return;
        }
        String field = colon < 0 ? line : line.substring(0, colon);
        int start = colon < 0 ? line.length() : colon + 1;
        if (start < line.length() && line.charAt(start) == ' ') {
            start++;
        }
        if (field.equals("event")) {
            type = line.substring(start);
        } else if (field.equals("data")) {
            if (hasData) {
                data.append('\n');
            }
            data.append(line, start, line.length());
            hasData = true;
        }
    }

    @Override
    public void onError(Throwable failure) {
        listener.onEnd(failure);
    }

    @Override
    public void onComplete() {
        listener.onEnd(null);
    }
}
