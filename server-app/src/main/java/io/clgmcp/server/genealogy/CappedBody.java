package io.clgmcp.server.genealogy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Reads a response body as text, but no further than a number of bytes: once the body would pass
 * it, reading stops and the body fails with {@link TooLarge}, so an outsized answer is never held
 * in memory whole.
 */
final class CappedBody implements HttpResponse.BodySubscriber<String> {
    private final int maxBytes;
    private final Charset charset;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<String> text = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(int maxBytes, Charset charset) {
        this.maxBytes = maxBytes;
        this.charset = charset;
    }

    /**
     * A body that is not worth reading (an error page, a file that is no web page): it reads as
     * null, and the connection is given up rather than drained of a body of any size.
     */
    static HttpResponse.BodySubscriber<String> skipped() {
        return new Skipped();
    }

    @Override
    public CompletionStage<String> getBody() {
        return text;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        // One buffer at a time, so that no more than a buffer arrives beyond the limit.
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (text.isDone()) {
            return; // buffers already on their way when reading was cancelled
        }
        for (ByteBuffer buffer : buffers) {
            if (buffer.remaining() > maxBytes - bytes.size()) {
                subscription.cancel();
                text.completeExceptionally(new TooLarge(maxBytes));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            bytes.writeBytes(chunk);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        text.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        text.complete(bytes.toString(charset));
    }

    /** The body passed the limit of bytes. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(int maxBytes) {
            super("the body is larger than " + maxBytes + " bytes");
        }
    }

    /** Reads nothing: cancels the body as soon as it is offered. */
    private static final class Skipped implements HttpResponse.BodySubscriber<String> {
        @Override
        public CompletionStage<String> getBody() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.cancel();
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {}

        @Override
        public void onError(Throwable failure) {}

        @Override
        public void onComplete() {}
    }
}
