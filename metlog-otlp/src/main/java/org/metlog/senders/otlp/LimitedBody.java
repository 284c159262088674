package org.metlog.senders.otlp;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read up to {@value #MAX_BYTES} bytes and the rest discarded, so a misbehaving server cannot
 * make the sender hold an unbounded response in memory. A collector's answer (an empty body, a partial success,
 * an error status) is a few hundred bytes.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    static final int MAX_BYTES = 64 * 1024;

    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private LimitedBody() {
    }

    static HttpResponse.BodySubscriber<byte[]> subscriber() {
        return new LimitedBody();
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        for (ByteBuffer item : items) {
            int room = MAX_BYTES - bytes.size();
            int n = Math.min(room, item.remaining());
            if (n > 0) {
                byte[] chunk = new byte[n];
                item.get(chunk);
                bytes.write(chunk, 0, n);
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(bytes.toByteArray());
    }
}
