package io.github.rtmpflow.flv;

/**
 * Optional interface for a {@link java.util.concurrent.Flow.Subscriber Flow.Subscriber&lt;FlvTag&gt;}
 * (and a default method of {@link TagListener}): told when the publish session it was receiving
 * ended while the subscription goes on, so that the tags that follow, if any, belong to a new
 * session with its own timeline, metadata and sequence headers.
 *
 * <p>A {@link TagFanout} that lives across publish sessions (one per stream name) signals it
 * from {@link TagFanout#endSession()}, in order: after the last tag of the ended session and
 * before the first tag of the next one. It is signalled only to subscribers that received
 * something since the previous signal, on the subscriber's delivery executor, serialized with
 * {@code onNext}, and it does not consume demand.
 */
public interface DiscontinuityListener {
    /** The session this subscriber was receiving has ended; later tags start a new timeline. */
    void onDiscontinuity();
}
