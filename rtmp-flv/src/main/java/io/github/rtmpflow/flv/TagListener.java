package io.github.rtmpflow.flv;

/**
 * A plain synchronous consumer of a live stream, for code that promises not to block: it is
 * called on the producer's thread (the server's event loop) from within
 * {@link TagFanout#publish(FlvTag)}, with no queue, no demand and no overflow policy. A
 * listener that blocks stalls the whole stream and every other consumer of it; use a
 * {@link java.util.concurrent.Flow.Subscriber} with an executor for anything slow.
 *
 * <p>A listener that throws is logged at WARN and removed; the other consumers go on.
 *
 * <p>Buffer ownership: the tag is shared with every other consumer and is immutable; keep it as
 * long as you like, but do not expect its bytes to be copied for you.
 */
@FunctionalInterface
public interface TagListener extends DiscontinuityListener {
    /**
     * Receives the next tag, in publish order.
     *
     * @param tag the tag; shared and read-only
     */
    void onTag(FlvTag tag);

    /** The session ended but the subscription goes on (see {@link DiscontinuityListener}). */
    @Override
    default void onDiscontinuity() {
    }

    /** The stream ended normally; no more calls follow. */
    default void onComplete() {
    }

    /**
     * The stream failed; no more calls follow.
     *
     * @param error why
     */
    default void onError(Throwable error) {
    }
}
