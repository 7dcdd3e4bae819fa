package io.github.rtmpflow.flv;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One FLV tag: type, 64-bit millisecond timestamp on the publisher's timeline and the tag
 * body (the bytes after the 11-byte FLV tag header).
 *
 * <p>Ownership: the payload buffer handed to {@link #of} becomes owned by the tag and must not
 * be modified afterwards by anyone; {@link #payload()} hands out read-only views of it, so one
 * tag can be shared by any number of subscribers without copying.
 */
public final class FlvTag {
    private final TagType type;
    private final long timestamp;
    private final ByteBuffer payload;
    private final int flags;

    private FlvTag(TagType type, long timestamp, ByteBuffer payload) {
        this(type, timestamp, payload, TagFlags.compute(type, payload));
    }

    private FlvTag(TagType type, long timestamp, ByteBuffer payload, int flags) {
        this.type = type;
        this.timestamp = timestamp;
        this.payload = payload;
        // Computed once so the fan-out's per-tag checks are field reads.
        this.flags = flags;
    }

    /**
     * Creates a tag over the remaining bytes of {@code payload} without copying them.
     *
     * @param type the tag type
     * @param timestamp milliseconds on the publisher's 64-bit timeline
     * @param payload the tag body; ownership passes to the tag
     */
    public static FlvTag of(TagType type, long timestamp, ByteBuffer payload) {
        Objects.requireNonNull(type, "type");
        return new FlvTag(type, timestamp, payload.slice().asReadOnlyBuffer());
    }

    /** Returns the tag type. */
    public TagType type() {
        return type;
    }

    /** Returns the timestamp in milliseconds on the publisher's 64-bit timeline. */
    public long timestamp() {
        return timestamp;
    }

    /**
     * Returns a tag with the same type and body (shared, not copied) at another timestamp,
     * e.g. to rebase a stream or to place the sub-tags of an aggregate message.
     */
    public FlvTag withTimestamp(long newTimestamp) {
        return new FlvTag(type, newTimestamp, payload, flags);
    }

    /** Returns a new read-only view of the body, position 0, limit {@link #size()}. */
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    /** Returns the body length in bytes. */
    public int size() {
        return payload.remaining();
    }

    /** Returns the body byte at {@code index}, for cheap header inspection. */
    public int byteAt(int index) {
        return payload.get(index) & 0xFF;
    }

    /** Returns true for audio tags. */
    public boolean isAudio() {
        return type == TagType.AUDIO;
    }

    /** Returns true for video tags. */
    public boolean isVideo() {
        return type == TagType.VIDEO;
    }

    /** Returns true for script (metadata) tags. */
    public boolean isScript() {
        return type == TagType.SCRIPT;
    }

    /**
     * Returns true for a video tag carrying coded frames of a key (seekable) frame: frame type
     * 1 (or 4, generated key frame) with, for legacy AVC/HEVC, packet type 1 (NALUs), for
     * other legacy codecs any body, and for Enhanced RTMP packet type CodedFrames/CodedFramesX (also behind ModEx and
     * multitrack). Sequence headers, sequence ends, command frames, metadata and audio tags are
     * never keyframes. A decoder can start at a keyframe once it has the sequence header.
     */
    public boolean isKeyframe() {
        return (flags & TagFlags.KEYFRAME) != 0;
    }

    /**
     * Returns true for a decoder configuration: a video AVC/HEVC (legacy codec id 7 or 12)
     * sequence header, an Enhanced RTMP video SequenceStart or MPEG2TSSequenceStart, a legacy
     * AAC sequence header (AudioSpecificConfig) or an Enhanced RTMP audio SequenceStart.
     */
    public boolean isSequenceHeader() {
        return (flags & TagFlags.SEQUENCE_HEADER) != 0;
    }

    /**
     * Returns true for Enhanced RTMP state that applies to the frames after it until replaced:
     * a video Metadata packet (e.g. {@code colorInfo}, HDR) or an audio MultichannelConfig (also
     * behind ModEx and multitrack). The fan-out never drops these and replays the latest of each
     * track to late joiners, after the sequence headers.
     */
    public boolean isTrackConfiguration() {
        return (flags & TagFlags.TRACK_CONFIGURATION) != 0;
    }

    /** Returns true for a legacy AVC/HEVC end of sequence or an Enhanced RTMP SequenceEnd. */
    public boolean isSequenceEnd() {
        return (flags & TagFlags.SEQUENCE_END) != 0;
    }

    /**
     * Returns true for script data tags (type 18), the tags that carry onMetaData; use
     * {@link #isOnMetaData()} to tell onMetaData from other data frames such as cue points.
     */
    public boolean isMetadata() {
        return type == TagType.SCRIPT;
    }

    /**
     * Returns true for a script tag whose body is {@code "onMetaData", ...}, with or without a
     * leading {@code "@setDataFrame"} string (the RTMP data message form).
     */
    public boolean isOnMetaData() {
        return (flags & TagFlags.METADATA) != 0;
    }

    @Override
    public String toString() {
        return "FlvTag[type=" + type + ", timestamp=" + timestamp + ", size=" + size() + "]";
    }
}
