package io.github.rtmpflow.flv;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * How one subscriber of a {@link TagFanout} is served.
 *
 * <p>Delivery executor: every signal ({@code onSubscribe}, {@code onNext}, {@code onError},
 * {@code onComplete}, {@code onDiscontinuity}) runs on {@link #executor()}, one at a time per
 * subscriber, never on the producer's thread unless the executor is {@link #CALLER_THREAD} (or
 * another executor that runs tasks inline). The default is a shared pool of daemon threads
 * ({@link #defaultExecutor()}), created on first use and grown on demand, so a subscriber that
 * blocks (a file, a socket) never starves the others nor {@code ForkJoinPool.commonPool()}; idle
 * threads end after 60 seconds. A drain task delivers at most a batch of tags before it yields
 * its thread, so a small shared executor of your own is served fairly.
 *
 * <p>Bounds: the queue holds at most {@link #maxQueuedTags()} tags and
 * {@link #maxQueuedBytes()} body bytes (the bytes are shared with the producer, not copied; the
 * bound limits how much memory this subscriber can pin). An empty queue always takes one tag,
 * however large. When the bounds are reached, {@link #overflowPolicy()} decides.
 *
 * @param name a label for logs and statistics (not necessarily unique)
 * @param executor where this subscriber's signals run
 * @param maxQueuedTags soft bound on queued tags, 1 to {@value #MAX_QUEUED_TAGS_LIMIT}
 * @param maxQueuedBytes soft bound on queued body bytes, at least 1
 * @param overflowPolicy what happens when the queue is full
 * @param replayGop whether a subscriber joining a live session also receives the cached tags
 *     of the current group of pictures (from the last keyframe), after metadata and sequence
 *     headers, so it can start decoding at once instead of at the next keyframe
 */
public record SubscribeOptions(
        String name,
        Executor executor,
        int maxQueuedTags,
        long maxQueuedBytes,
        OverflowPolicy overflowPolicy,
        boolean replayGop,
        TrackSelection trackSelection) {

    /** Default soft bound on queued tags: about 13 s of 30 fps video with AAC audio. */
    public static final int DEFAULT_MAX_QUEUED_TAGS = 1024;
    /** Default soft bound on queued body bytes: 8 MiB, about 10 s at 6 Mbit/s. */
    public static final long DEFAULT_MAX_QUEUED_BYTES = 8L * 1024 * 1024;
    /** Largest accepted {@link #maxQueuedTags()}. */
    public static final int MAX_QUEUED_TAGS_LIMIT = 1 << 20;

    /**
     * Runs delivery on whichever thread signals it: the producer's thread for tags (inside
     * {@link TagFanout#publish(FlvTag)}), the requesting thread for {@code request(n)}. Only for
     * subscribers that never block; ask for it explicitly.
     */
    public static final Executor CALLER_THREAD = Runnable::run;

    /** Validates the options; misuse throws {@link IllegalArgumentException} or NPE. */
    public SubscribeOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(executor, "executor");
        Objects.requireNonNull(overflowPolicy, "overflowPolicy");
        Objects.requireNonNull(trackSelection, "trackSelection");
        if (maxQueuedTags < 1 || maxQueuedTags > MAX_QUEUED_TAGS_LIMIT) {
            throw new IllegalArgumentException("maxQueuedTags out of range: maxQueuedTags=" + maxQueuedTags);
        }
        if (maxQueuedBytes < 1) {
            throw new IllegalArgumentException("maxQueuedBytes must be positive: maxQueuedBytes=" + maxQueuedBytes);
        }
    }

    /** Options without track selection (every track), as before track selection existed. */
    public SubscribeOptions(String name, Executor executor, int maxQueuedTags, long maxQueuedBytes,
            OverflowPolicy overflowPolicy, boolean replayGop) {
        this(name, executor, maxQueuedTags, maxQueuedBytes, overflowPolicy, replayGop, TrackSelection.ALL);
    }

    /**
     * Returns the defaults: name "subscriber", the shared daemon executor, 1024 tags, 8 MiB,
     * {@link OverflowPolicy#DROP_UNTIL_KEYFRAME}, no GOP replay.
     */
    public static SubscribeOptions defaults() {
        return new SubscribeOptions("subscriber", defaultExecutor(), DEFAULT_MAX_QUEUED_TAGS,
                DEFAULT_MAX_QUEUED_BYTES, OverflowPolicy.DROP_UNTIL_KEYFRAME, false);
    }

    /** Returns the shared daemon executor used by {@link #defaults()}. */
    public static Executor defaultExecutor() {
        return DefaultExecutorHolder.EXECUTOR;
    }

    /** Returns a copy with another name. */
    public SubscribeOptions withName(String newName) {
        return new SubscribeOptions(newName, executor, maxQueuedTags, maxQueuedBytes, overflowPolicy, replayGop, trackSelection);
    }

    /** Returns a copy delivering on another executor ({@link #CALLER_THREAD} for inline delivery). */
    public SubscribeOptions withExecutor(Executor newExecutor) {
        return new SubscribeOptions(name, newExecutor, maxQueuedTags, maxQueuedBytes, overflowPolicy, replayGop, trackSelection);
    }

    /** Returns a copy with other queue bounds. */
    public SubscribeOptions withBounds(int tags, long bytes) {
        return new SubscribeOptions(name, executor, tags, bytes, overflowPolicy, replayGop, trackSelection);
    }

    /** Returns a copy with another overflow policy. */
    public SubscribeOptions withOverflowPolicy(OverflowPolicy policy) {
        return new SubscribeOptions(name, executor, maxQueuedTags, maxQueuedBytes, policy, replayGop, trackSelection);
    }

    /** Returns a copy that does or does not replay the cached GOP to a late joiner. */
    public SubscribeOptions withReplayGop(boolean replay) {
        return new SubscribeOptions(name, executor, maxQueuedTags, maxQueuedBytes, overflowPolicy, replay, trackSelection);
    }

    /**
     * Returns a copy that receives only the chosen Enhanced RTMP tracks (see {@link TrackSelection}).
     *
     * @param selection the tracks, {@link TrackSelection#ALL} for every track
     */
    public SubscribeOptions withTracks(TrackSelection selection) {
        return new SubscribeOptions(name, executor, maxQueuedTags, maxQueuedBytes, overflowPolicy, replayGop, selection);
    }
}
