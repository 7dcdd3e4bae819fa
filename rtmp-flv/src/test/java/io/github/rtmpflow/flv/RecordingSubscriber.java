package io.github.rtmpflow.flv;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

/**
 * Records every signal in order: tags, {@link #DISCONTINUITY}, {@link #COMPLETE} and errors;
 * and the threads it was called on. Requests {@code initialRequest} in {@code onSubscribe}.
 */
class RecordingSubscriber implements Flow.Subscriber<FlvTag>, DiscontinuityListener {
    static final String DISCONTINUITY = "discontinuity";
    static final String COMPLETE = "complete";

    private final long initialRequest;
    private final List<Object> events = new ArrayList<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile Flow.Subscription subscription;

    RecordingSubscriber(long initialRequest) {
        this.initialRequest = initialRequest;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        threads.add(Thread.currentThread());
        subscription = s;
        if (initialRequest > 0) {
            s.request(initialRequest);
        }
    }

    @Override
    public void onNext(FlvTag tag) {
        record(tag);
    }

    @Override
    public void onDiscontinuity() {
        record(DISCONTINUITY);
    }

    @Override
    public void onError(Throwable error) {
        record(error);
        terminated.countDown();
    }

    @Override
    public void onComplete() {
        record(COMPLETE);
        terminated.countDown();
    }

    private void record(Object event) {
        threads.add(Thread.currentThread());
        synchronized (events) {
            events.add(event);
        }
    }

    Flow.Subscription subscription() {
        return subscription;
    }

    void request(long n) {
        subscription.request(n);
    }

    /** All signals after onSubscribe, in order. */
    List<Object> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /** The tags received, in order. */
    List<FlvTag> tags() {
        List<FlvTag> tags = new ArrayList<>();
        for (Object event : events()) {
            if (event instanceof FlvTag) {
                tags.add((FlvTag) event);
            }
        }
        return tags;
    }

    Set<Thread> threads() {
        return threads;
    }

    /** Waits (generously) for onComplete or onError; true when it came. */
    boolean awaitTerminated() throws InterruptedException {
        return terminated.await(30, TimeUnit.SECONDS);
    }

    boolean isTerminated() {
        return terminated.getCount() == 0;
    }
}
