package io.github.rtmpflow.flv;

import java.util.List;

/**
 * A snapshot of a {@link TagFanout}'s counters.
 *
 * @param publishedTags tags passed to {@link TagFanout#publish(FlvTag)}
 * @param publishedBytes their body bytes
 * @param sessions publish sessions ended with {@link TagFanout#endSession()}
 * @param producerPaused whether a {@link OverflowPolicy#PAUSE_PRODUCER} subscriber holds the
 *     producer paused
 * @param subscribers one entry per current subscriber and listener, in subscription order
 */
public record FanoutStatistics(
        long publishedTags,
        long publishedBytes,
        long sessions,
        boolean producerPaused,
        List<SubscriberStatistics> subscribers) {

    /** Copies the list, so the snapshot stays unmodifiable. */
    public FanoutStatistics {
        subscribers = List.copyOf(subscribers);
    }
}
