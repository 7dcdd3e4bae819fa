package io.github.rtmpflow.flv;

/**
 * Bounds of what a {@link TagFanout} keeps for late joiners. The latest onMetaData and
 * sequence headers are always kept (a handful of tags); the group of pictures since the last
 * keyframe is kept up to these bounds. A GOP that outgrows them is dropped from the cache (not
 * from the stream) until the next keyframe starts a new one.
 *
 * @param maxGopTags most tags kept for GOP replay, 0 to disable the GOP cache
 * @param maxGopBytes most body bytes kept for GOP replay (the bytes are shared, not copied)
 */
public record FanoutOptions(int maxGopTags, long maxGopBytes) {

    /** Defaults: 512 tags and 4 MiB, enough for a 2 s GOP at 60 fps and 10 Mbit/s. */
    public static final FanoutOptions DEFAULTS = new FanoutOptions(512, 4L * 1024 * 1024);

    /** Validates the bounds; misuse throws {@link IllegalArgumentException}. */
    public FanoutOptions {
        if (maxGopTags < 0 || maxGopTags > SubscribeOptions.MAX_QUEUED_TAGS_LIMIT) {
            throw new IllegalArgumentException("maxGopTags out of range: maxGopTags=" + maxGopTags);
        }
        if (maxGopBytes < 0) {
            throw new IllegalArgumentException("maxGopBytes must not be negative: maxGopBytes=" + maxGopBytes);
        }
    }

    /** Returns a copy with other GOP cache bounds. */
    public FanoutOptions withGopBounds(int tags, long bytes) {
        return new FanoutOptions(tags, bytes);
    }
}
