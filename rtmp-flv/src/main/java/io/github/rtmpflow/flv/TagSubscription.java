package io.github.rtmpflow.flv;

/**
 * The handle of one subscriber or listener of a {@link TagFanout}, for statistics and
 * cancellation by the code that subscribed it (the subscriber itself gets a
 * {@link java.util.concurrent.Flow.Subscription}).
 */
public interface TagSubscription {
    /** Returns the label given in {@link SubscribeOptions#name()}. */
    String name();

    /** Returns a snapshot of this subscriber's counters. */
    SubscriberStatistics statistics();

    /**
     * Stops delivery and frees the queue; idempotent. A {@link TagListener} may still receive
     * a call that was under way on the producer's thread when this was called.
     */
    void cancel();

    /** Returns true once cancelled, disconnected or terminated. */
    boolean isClosed();
}
