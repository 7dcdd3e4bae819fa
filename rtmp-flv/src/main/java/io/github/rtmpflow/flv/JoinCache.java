package io.github.rtmpflow.flv;

/**
 * What a {@link TagFanout} keeps so that a subscriber joining a live session can start
 * decoding: the latest onMetaData, the latest video and audio sequence headers and the current
 * GOP. Also tracks whether the session has carried media (a subscriber joining after that is a
 * late joiner) and video (a session without video is audio-only).
 *
 * <p>Confined to the producer's thread; holds shared immutable tags, never copies.
 * Sequence headers are kept per type: a multitrack Enhanced RTMP stream with one sequence
 * header tag per track keeps only the latest.
 */
final class JoinCache {
    private final GopCache gop;
    private FlvTag metadata;
    private FlvTag videoSequenceHeader;
    private FlvTag audioSequenceHeader;
    private boolean mediaSeen;
    private boolean videoSeen;

    JoinCache(FanoutOptions options) {
        gop = new GopCache(options.maxGopTags(), options.maxGopBytes());
    }

    /** Records a tag that has just been published. */
    void update(FlvTag tag, TagKind kind) {
        switch (kind) {
            case ON_METADATA:
                metadata = tag;
                break;
            case VIDEO_SEQUENCE_HEADER:
            case VIDEO_SEQUENCE_END:
                videoSeen = true;
                videoSequenceHeader = kind == TagKind.VIDEO_SEQUENCE_HEADER ? tag : null;
                // The cached frames were coded with the previous configuration.
                gop.clear();
                break;
            case AUDIO_SEQUENCE_HEADER:
            case AUDIO_SEQUENCE_END:
                audioSequenceHeader = kind == TagKind.AUDIO_SEQUENCE_HEADER ? tag : null;
                gop.clear();
                break;
            case VIDEO_KEYFRAME:
                videoSeen = true;
                mediaSeen = true;
                gop.restart(tag);
                break;
            case VIDEO_FRAME:
                videoSeen = true;
                mediaSeen = true;
                gop.append(tag);
                break;
            case AUDIO_FRAME:
                mediaSeen = true;
                gop.append(tag);
                break;
            default:
                // Other script data is delivered live only.
                break;
        }
    }

    /** Forgets the session: a new one starts from nothing. */
    void reset() {
        metadata = null;
        videoSequenceHeader = null;
        audioSequenceHeader = null;
        mediaSeen = false;
        videoSeen = false;
        gop.clear();
    }

    /** True once the session has carried an audio or video frame. */
    boolean mediaSeen() {
        return mediaSeen;
    }

    /** True once the session has carried any video tag. */
    boolean videoSeen() {
        return videoSeen;
    }

    /** The latest onMetaData, or null. */
    FlvTag metadata() {
        return metadata;
    }

    /** The latest video sequence header, or null. */
    FlvTag videoSequenceHeader() {
        return videoSequenceHeader;
    }

    /** The latest audio sequence header, or null. */
    FlvTag audioSequenceHeader() {
        return audioSequenceHeader;
    }

    /** The current GOP (possibly empty). */
    GopCache gop() {
        return gop;
    }
}
