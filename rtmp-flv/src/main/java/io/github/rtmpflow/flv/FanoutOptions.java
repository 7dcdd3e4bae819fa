package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.chunk.BufferBudget;
import java.util.Objects;

/**
 * Bounds of what a {@link TagFanout} keeps for late joiners. The latest onMetaData and
 * sequence headers are always kept (a handful of tags); the group of pictures since the last
 * keyframe is kept up to these bounds. A GOP that outgrows them is dropped from the cache (not
 * from the stream) until the next keyframe starts a new one.
 *
 * @param maxGopTags most tags kept for GOP replay, 0 to disable the GOP cache
 * @param maxGopBytes most body bytes kept for GOP replay (the bytes are shared, not copied)
 * @param gopBudget a byte budget shared with other fan-outs' GOP caches (a server passes one
 *     {@link io.github.rtmpflow.core.chunk.BoundedBudget} for all its streams): a cache that
 *     cannot reserve its next tag drops its GOP (never a tag of the stream) until the next keyframe, {@link BufferBudget#UNLIMITED} for none
 */
public record FanoutOptions(int maxGopTags, long maxGopBytes, BufferBudget gopBudget) {

    /**
     * Defaults: 512 tags and 4 MiB, enough for a 2 s GOP at 60 fps and 10 Mbit/s, no shared
     * budget.
     */
    public static final FanoutOptions DEFAULTS = new FanoutOptions(512, 4L * 1024 * 1024);

    /** Bounds without a shared budget. */
    public FanoutOptions(int maxGopTags, long maxGopBytes) {
        this(maxGopTags, maxGopBytes, BufferBudget.UNLIMITED);
    }

    /** Validates the bounds; misuse throws {@link IllegalArgumentException}. */
    public FanoutOptions {
        Objects.requireNonNull(gopBudget, "gopBudget");
        if (maxGopTags < 0 || maxGopTags > SubscribeOptions.MAX_QUEUED_TAGS_LIMIT) {
            throw new IllegalArgumentException("maxGopTags out of range: maxGopTags=" + maxGopTags);
        }
        if (maxGopBytes < 0) {
            throw new IllegalArgumentException("maxGopBytes must not be negative: maxGopBytes=" + maxGopBytes);
        }
    }

    /** Returns a copy with other GOP cache bounds. */
    public FanoutOptions withGopBounds(int tags, long bytes) {
        return new FanoutOptions(tags, bytes, gopBudget);
    }

    /** Returns a copy whose GOP cache also reserves its bytes in {@code budget}. */
    public FanoutOptions withGopBudget(BufferBudget budget) {
        return new FanoutOptions(maxGopTags, maxGopBytes, budget);
    }
}
