package io.github.rtmpflow.flv;

/** The three FLV tag types, with their wire ids (which are also the RTMP message type ids). */
public enum TagType {
    /** Audio, tag type 8. */
    AUDIO(8),
    /** Video, tag type 9. */
    VIDEO(9),
    /** Script data (onMetaData), tag type 18. */
    SCRIPT(18);

    private final int id;

    TagType(int id) {
        this.id = id;
    }

    /** Returns the wire id (8, 9 or 18). */
    public int id() {
        return id;
    }

    /** Returns the type for a wire id, or {@code null} when the id is none of 8, 9, 18. */
    public static TagType of(int id) {
        switch (id) {
            case 8:
                return AUDIO;
            case 9:
                return VIDEO;
            case 18:
                return SCRIPT;
            default:
                return null;
        }
    }
}
