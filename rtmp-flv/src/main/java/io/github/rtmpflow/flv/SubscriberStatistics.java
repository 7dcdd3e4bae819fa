package io.github.rtmpflow.flv;

/**
 * A snapshot of one subscriber's counters. Each value is read on its own (they may be from
 * slightly different instants).
 *
 * @param name the subscriber's label ({@link SubscribeOptions#name()})
 * @param overflowPolicy its policy ({@code null} for a {@link TagListener}, which has no queue)
 * @param deliveredTags tags handed to {@code onNext}/{@code onTag}
 * @param deliveredBytes body bytes of those tags
 * @param droppedTags tags dropped by {@link OverflowPolicy#DROP_UNTIL_KEYFRAME} because the
 *     queue was full (tags skipped by a late joiner waiting for its first keyframe are not
 *     counted: they were never owed)
 * @param droppedBytes body bytes of those tags
 * @param queuedTags tags waiting in the queue
 * @param queuedBytes body bytes waiting in the queue
 */
public record SubscriberStatistics(
        String name,
        OverflowPolicy overflowPolicy,
        long deliveredTags,
        long deliveredBytes,
        long droppedTags,
        long droppedBytes,
        long queuedTags,
        long queuedBytes) {
}
