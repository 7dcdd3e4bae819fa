package io.github.rtmpflow.flv;

/**
 * What a video tag carries: the Enhanced RTMP VideoPacketType, also used for legacy AVC/HEVC
 * tags (AVCPacketType 0, 1, 2 map to {@link #SEQUENCE_START}, {@link #CODED_FRAMES},
 * {@link #SEQUENCE_END}) and other legacy codecs ({@link #CODED_FRAMES}). Multitrack (6) and
 * ModEx (7) are structure, not content: the views resolve them to the packet type they wrap.
 */
public enum VideoPacketType {
    /** A decoder configuration record. */
    SEQUENCE_START,
    /** Coded frames, with a composition time for AVC/HEVC/VVC. */
    CODED_FRAMES,
    /** End of the sequence. */
    SEQUENCE_END,
    /** Coded frames with an implied composition time of 0. */
    CODED_FRAMES_X,
    /** AMF-encoded video metadata (colorInfo); the frame type is ignored. */
    METADATA,
    /** An MPEG-2 TS video descriptor to start the sequence. */
    MPEG2TS_SEQUENCE_START;

    private static final VideoPacketType[] VALUES = values();

    /** Returns the wire value. */
    public int value() {
        return ordinal();
    }

    /** Returns the type for a content packet type 0 to 5, or {@code null}. */
    static VideoPacketType of(int value) {
        return value >= 0 && value < VALUES.length ? VALUES[value] : null;
    }
}
