package io.github.rtmpflow.server.testing;

import io.github.rtmpflow.flv.DiscontinuityListener;
import io.github.rtmpflow.flv.FlvTag;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Collects every tag; completes {@link #done()} on onComplete (with the tags) or onError.
 * Optionally sleeps on every tag, to play a slow consumer.
 */
public class CollectingSubscriber implements Flow.Subscriber<FlvTag>, DiscontinuityListener {

    private final List<FlvTag> tags = new CopyOnWriteArrayList<>();
    private final CompletableFuture<List<FlvTag>> done = new CompletableFuture<>();
    private final AtomicInteger discontinuities = new AtomicInteger();
    private final long sleepMillisPerTag;
    private volatile Flow.Subscription subscription;

    /** A subscriber that keeps up. */
    public CollectingSubscriber() {
        this(0);
    }

    /** A subscriber that sleeps {@code sleepMillisPerTag} in every onNext. */
    public CollectingSubscriber(long sleepMillisPerTag) {
        this.sleepMillisPerTag = sleepMillisPerTag;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(FlvTag tag) {
        tags.add(tag);
        if (sleepMillisPerTag > 0) {
            try {
                Thread.sleep(sleepMillisPerTag);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void onError(Throwable throwable) {
        done.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
        done.complete(tags);
    }

    @Override
    public void onDiscontinuity() {
        discontinuities.incrementAndGet();
    }

    /** Returns the tags so far. */
    public List<FlvTag> tags() {
        return tags;
    }

    /** Completes when the stream completes. */
    public CompletableFuture<List<FlvTag>> done() {
        return done;
    }

    /** Returns how many session ends were signalled. */
    public int discontinuities() {
        return discontinuities.get();
    }

    /** Cancels the subscription. */
    public void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
