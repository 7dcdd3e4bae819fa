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
    /** Enhanced video Metadata (colorInfo): latest per track cached, never dropped. */
    VIDEO_CONFIGURATION(true),
    /** Enhanced audio MultichannelConfig: latest per track cached, never dropped. */
    AUDIO_CONFIGURATION(true),
    /** A video key frame: starts a GOP, where a dropping subscriber resumes. */
    VIDEO_KEYFRAME(false),
    /** Any other video tag (inter frames, command frames). */
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
        if (tag.isMetadata()) {
            return tag.isOnMetaData() ? ON_METADATA : SCRIPT;
        }
        boolean video = tag.isVideo();
        if (tag.isSequenceHeader()) {
            return video ? VIDEO_SEQUENCE_HEADER : AUDIO_SEQUENCE_HEADER;
        }
        if (tag.isSequenceEnd()) {
            return video ? VIDEO_SEQUENCE_END : AUDIO_SEQUENCE_END;
        }
        if (tag.isTrackConfiguration()) {
            return video ? VIDEO_CONFIGURATION : AUDIO_CONFIGURATION;
        }
        if (video) {
            return tag.isKeyframe() ? VIDEO_KEYFRAME : VIDEO_FRAME;
        }
        return AUDIO_FRAME;
    }
}
