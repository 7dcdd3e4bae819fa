package io.github.rtmpflow.flv;

/**
 * What an audio tag carries: the Enhanced RTMP AudioPacketType, also used for legacy tags
 * (AACPacketType 0 and 1 map to {@link #SEQUENCE_START} and {@link #CODED_FRAMES}; other
 * legacy formats are {@link #CODED_FRAMES}). Multitrack (5) and ModEx (7) are structure, not
 * content: the views resolve them to the packet type they wrap.
 */
public enum AudioPacketType {
    /** A codec configuration (AAC AudioSpecificConfig, FLAC STREAMINFO, Opus ID header). */
    SEQUENCE_START(0),
    /** Coded frames. */
    CODED_FRAMES(1),
    /** End of the sequence. */
    SEQUENCE_END(2),
    /** The channel layout (order, count, mapping or flags). */
    MULTICHANNEL_CONFIG(4);

    private final int value;

    AudioPacketType(int value) {
        this.value = value;
    }

    /** Returns the wire value. */
    public int value() {
        return value;
    }

    /** Returns the type for a content packet type, or {@code null}. */
    static AudioPacketType of(int value) {
        switch (value) {
            case 0:
                return SEQUENCE_START;
            case 1:
                return CODED_FRAMES;
            case 2:
                return SEQUENCE_END;
            case 4:
                return MULTICHANNEL_CONFIG;
            default:
                return null;
        }
    }
}
