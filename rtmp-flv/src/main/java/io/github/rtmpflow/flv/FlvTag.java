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

    private FlvTag(TagType type, long timestamp, ByteBuffer payload) {
        this.type = type;
        this.timestamp = timestamp;
        this.payload = payload;
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

    @Override
    public String toString() {
        return "FlvTag[type=" + type + ", timestamp=" + timestamp + ", size=" + size() + "]";
    }
}
