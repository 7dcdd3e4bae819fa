package io.github.rtmpflow.flv;

/**
 * What a {@link TagFanout} does when a subscriber's bounded queue is full, chosen per
 * subscriber with {@link SubscribeOptions#overflowPolicy()}.
 *
 * <p>Whatever the policy, metadata (script tags) and sequence headers/ends are never dropped:
 * they may exceed the soft bounds of a queue, up to twice them; a subscriber that stalls for so
 * long that even those do not fit is disconnected with a {@link SubscriberOverflowException}.
 */
public enum OverflowPolicy {
    /**
     * The default: drop audio and video tags until the next video keyframe that fits, counting
     * what is dropped ({@link SubscriberStatistics#droppedTags()}). Audio resumes with that
     * keyframe; in a stream without video (so far in the session), at the next audio frame
     * that fits. The subscriber sees a gap but never a frame it cannot decode.
     */
    DROP_UNTIL_KEYFRAME,

    /**
     * Disconnect the subscriber: its queue is discarded and it receives
     * {@code onError(SubscriberOverflowException)} at once. The other subscribers are unaffected.
     */
    DISCONNECT,

    /**
     * Opt-in backpressure on the publisher: the queue never drops; once it reaches its bounds
     * {@link TagFanout#publish(FlvTag)} returns {@code false} and {@link TagFanout#isProducerPaused()}
     * is true, and the producer (the server) stops reading that publisher's connection until
     * the queue has drained to half its bounds, when the callback given to
     * {@link TagFanout#onProducerResumed(Runnable)} runs. A producer that keeps publishing past
     * twice the bounds disconnects the subscriber as {@link #DISCONNECT} would.
     */
    PAUSE_PRODUCER
}
