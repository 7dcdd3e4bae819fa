package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.chunk.BudgetReservation;
import io.github.rtmpflow.core.chunk.BufferBudget;
import java.util.Arrays;

/**
 * The tags of the current group of pictures, from the last video keyframe on, kept for late
 * joiners up to a bound in tags and bytes. A GOP that outgrows the bound is dropped from the
 * cache (never from the stream) until the next keyframe starts a new one.
 *
 * <p>Confined to the producer's thread. It holds references to shared immutable tags, never
 * copies of their bytes. Its bytes are also reserved in a {@link BufferBudget} shared with other
 * streams' caches; when the budget has no room the GOP is dropped as when it outgrows its own
 * bound. The cache reserves in grants of {@link #GRANT_BYTES} (or what a tag needs beyond them,
 * and never beyond its own byte bound), so the shared counter is touched about once per 64 KiB,
 * not once per tag; a cache holds at most one grant more than its tags' bytes.
 */
final class GopCache {
    /** How much a cache reserves in the shared budget at a time. */
    static final long GRANT_BYTES = 64 * 1024;

    private final int maxTags;
    private final long maxBytes;
    /** What this cache holds of the shared budget: at least {@link #bytes}. */
    private final BudgetReservation reservation;
    private FlvTag[] tags = new FlvTag[0];
    private int count;
    private long bytes;

    GopCache(int maxTags, long maxBytes, BufferBudget budget) {
        this.maxTags = maxTags;
        this.maxBytes = maxBytes;
        this.reservation = new BudgetReservation(budget, GRANT_BYTES);
    }

    /** Starts a new GOP at {@code keyframe}, dropping the previous one. */
    void restart(FlvTag keyframe) {
        clear();
        add(keyframe);
    }

    /**
     * Adds a keyframe: it joins the current GOP when it has the timestamp of the GOP's first
     * keyframe (Enhanced RTMP multitrack: each track's keyframe of one instant comes in its own
     * tag, back to back, and a late joiner needs all of them), else it starts a new GOP.
     */
    void addKeyframe(FlvTag keyframe) {
        if (count > 0 && tags[0].timestamp() == keyframe.timestamp()) {
            add(keyframe);
        } else {
            restart(keyframe);
        }
    }

    /**
     * Appends a media tag to the current GOP; without a GOP under way (none yet, or dropped for
     * size) does nothing.
     */
    void append(FlvTag tag) {
        if (count > 0) {
            add(tag);
        }
    }

    /** Adds a tag, or drops the whole GOP when the tag would break the bounds. */
    private void add(FlvTag tag) {
        long total = bytes + tag.size();
        // Never more reserved than the cache's own bound lets it hold.
        if (count == maxTags || total > maxBytes || !reservation.reserveUpTo(total, maxBytes)) {
            clear();
            return;
        }
        if (count == tags.length) {
            // Grows by doubling up to the bound, so a short GOP never costs the whole bound.
            tags = Arrays.copyOf(tags, Math.min(maxTags, Math.max(16, tags.length * 2)));
        }
        tags[count++] = tag;
        bytes = total;
    }

    /** Drops the GOP, e.g. when a new sequence header makes its frames undecodable. */
    void clear() {
        reservation.releaseDownTo(0);
        Arrays.fill(tags, 0, count, null);
        count = 0;
        bytes = 0;
    }

    /** Returns the number of cached tags (0 without a usable GOP). */
    int size() {
        return count;
    }

    /** Returns the cached body bytes. */
    long bytes() {
        return bytes;
    }

    /** Returns the cached tag at {@code index}, the keyframe first. */
    FlvTag get(int index) {
        return tags[index];
    }
}
