package io.github.rtmpflow.server.interop;

import io.github.rtmpflow.flv.FlvTag;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A subscriber that keeps every tag it receives (tags are immutable and shared, so keeping them
 * copies nothing), optionally sleeping on each one to play a slow consumer.
 */
public final class CollectingSubscriber implements Flow.Subscriber<FlvTag> {

    private final String name;
    private final Duration delayPerTag;
    private final List<FlvTag> tags = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> done = new CompletableFuture<>();

    /** Creates a subscriber that takes tags as fast as they come. */
    public CollectingSubscriber(String name) {
        this(name, Duration.ZERO);
    }

    /** Creates a subscriber that sleeps {@code delayPerTag} on every tag. */
    public CollectingSubscriber(String name, Duration delayPerTag) {
        this.name = name;
        this.delayPerTag = delayPerTag;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(FlvTag tag) {
        tags.add(tag);
        if (!delayPerTag.isZero()) {
            try {
                Thread.sleep(delayPerTag.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        done.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        done.complete(null);
    }

    /** Returns the tags received so far (all types), in order. */
    public List<FlvTag> tags() {
        return List.copyOf(tags);
    }

    /** Returns the audio and video tags received so far, in order. */
    public List<FlvTag> mediaTags() {
        return MediaTags.media(tags());
    }

    /** Returns how many tags arrived so far. */
    public int count() {
        return tags.size();
    }

    /** Returns whether the stream completed or failed. */
    public boolean isDone() {
        return done.isDone();
    }

    /**
     * Waits up to {@code deadline} for the end of the stream; returns normally on completion and
     * also on an error (a publisher that broke off ends with one), which {@link #failure()} tells.
     */
    public void awaitEnd(Duration deadline) {
        try {
            done.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return;
        } catch (TimeoutException e) {
            throw new AssertionError(name + ": the stream did not end within " + deadline + " (" + tags.size()
                    + " tags received)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Returns the error the stream ended with, or null. */
    public Throwable failure() {
        if (!done.isCompletedExceptionally()) {
            return null;
        }
        try {
            done.join();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
