package io.github.rtmpflow.flv;

/**
 * How the fan-out treats a tag: what it caches for late joiners, what it may drop, where a
 * dropping subscriber may resume. Computed once per published tag.
 */
enum TagKind {
    /** onMetaData: cached, never dropped. */
    ON_METADATA(true),
    /** Other script data (cue points, text): never dropped, not cached. */
    SCRIPT(true),
    /** Video decoder configuration: cached, never dropped. */
    VIDEO_SEQUENCE_HEADER(true),
    /** Audio decoder configuration: cached, never dropped. */
    AUDIO_SEQUENCE_HEADER(true),
    /** End of a video sequence: clears the cached video configuration, never dropped. */
    VIDEO_SEQUENCE_END(true),
    /** End of an audio sequence: clears the cached audio configuration, never dropped. */
    AUDIO_SEQUENCE_END(true),
    /** A video key frame: starts a GOP, where a dropping subscriber resumes. */
    VIDEO_KEYFRAME(false),
    /** Any other video tag (inter frames, command frames, video metadata packets). */
    VIDEO_FRAME(false),
    /** An audio frame. */
    AUDIO_FRAME(false);

    private final boolean control;

    TagKind(boolean control) {
        this.control = control;
    }

    /** True for tags that are never dropped (metadata, script data, sequence headers and ends). */
    boolean isControl() {
        return control;
    }

    /** True for audio and video frames, the tags that may be dropped. */
    boolean isMedia() {
        return !control;
    }

    /**
     * True when a subscriber skipping media may resume at this tag: a video keyframe, or any
     * audio frame when the session has carried no video so far.
     */
    boolean resumesDelivery(boolean audioOnly) {
        return this == VIDEO_KEYFRAME || (audioOnly && this == AUDIO_FRAME);
    }

    /** Classifies a tag with the predicates of {@link FlvTag}. */
    static TagKind of(FlvTag tag) {
        switch (tag.type()) {
            case SCRIPT:
                return Interim.isOnMetaData(tag) ? ON_METADATA : SCRIPT;
            case VIDEO:
                if (Interim.isSequenceHeader(tag)) {
                    return VIDEO_SEQUENCE_HEADER;
                }
                if (Interim.isSequenceEnd(tag)) {
                    return VIDEO_SEQUENCE_END;
                }
                return Interim.isKeyframe(tag) ? VIDEO_KEYFRAME : VIDEO_FRAME;
            default:
                if (Interim.isSequenceHeader(tag)) {
                    return AUDIO_SEQUENCE_HEADER;
                }
                return Interim.isSequenceEnd(tag) ? AUDIO_SEQUENCE_END : AUDIO_FRAME;
        }
    }

    /**
     * Legacy AVC/AAC only, until FlvTag's own predicates land on main.
     * TODO remove once FlvTag.isKeyframe() and friends are merged.
     */
    private static final class Interim {
        private static boolean isSequenceHeader(FlvTag tag) {
            if (tag.size() < 2) {
                return false;
            }
            int first = tag.byteAt(0);
            return tag.isVideo() ? (first & 0x0F) == 7 && tag.byteAt(1) == 0 : (first >> 4) == 10 && tag.byteAt(1) == 0;
        }

        private static boolean isSequenceEnd(FlvTag tag) {
            return tag.isVideo() && tag.size() >= 2 && (tag.byteAt(0) & 0x0F) == 7 && tag.byteAt(1) == 2;
        }

        private static boolean isKeyframe(FlvTag tag) {
            return tag.size() >= 1 && (tag.byteAt(0) >> 4) == 1;
        }

        private static boolean isOnMetaData(FlvTag tag) {
            return tag.size() >= 13 && tag.byteAt(0) == 2 && tag.byteAt(2) == 10 && tag.byteAt(3) == 'o';
        }
    }
}
