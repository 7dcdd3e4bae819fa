package io.github.rtmpflow.flv;

import java.util.List;

/**
 * What a {@link TagFanout} keeps so that a subscriber joining a live session can start
 * decoding: the latest onMetaData, the latest video and audio sequence headers, the latest
 * Enhanced RTMP track configurations (video Metadata such as colorInfo, audio
 * MultichannelConfig) and the current GOP. Also tracks whether the session has carried media (a subscriber joining after that is a
 * late joiner) and video (a session without video is audio-only).
 *
 * <p>Confined to the producer's thread; holds shared immutable tags, never copies. Sequence
 * headers are kept per track (Enhanced RTMP multitrack), see {@link SequenceHeaders}.
 */
final class JoinCache {
    private final GopCache gop;
    private FlvTag metadata;
    private final SequenceHeaders videoSequenceHeaders = new SequenceHeaders(true);
    private final SequenceHeaders audioSequenceHeaders = new SequenceHeaders(false);
    /** Latest video Metadata / audio MultichannelConfig per track: the same bookkeeping. */
    private final SequenceHeaders videoConfigurations = new SequenceHeaders(true);
    private final SequenceHeaders audioConfigurations = new SequenceHeaders(false);
    private boolean mediaSeen;
    private boolean videoSeen;

    JoinCache(FanoutOptions options) {
        gop = new GopCache(options.maxGopTags(), options.maxGopBytes(), options.gopBudget());
    }

    /** Records a tag that has just been published. */
    void update(FlvTag tag, TagKind kind) {
        switch (kind) {
            case ON_METADATA:
                metadata = tag;
                break;
            case VIDEO_SEQUENCE_HEADER:
                videoSeen = true;
                videoSequenceHeaders.put(tag);
                // The cached frames were coded with the previous configuration.
                gop.clear();
                break;
            case VIDEO_SEQUENCE_END:
                videoSeen = true;
                videoSequenceHeaders.end(tag);
                gop.clear();
                break;
            case AUDIO_SEQUENCE_HEADER:
                audioSequenceHeaders.put(tag);
                gop.clear();
                break;
            case AUDIO_SEQUENCE_END:
                audioSequenceHeaders.end(tag);
                gop.clear();
                break;
            case VIDEO_CONFIGURATION:
                videoConfigurations.put(tag);
                break;
            case AUDIO_CONFIGURATION:
                audioConfigurations.put(tag);
                break;
            case VIDEO_KEYFRAME:
                videoSeen = true;
                mediaSeen = true;
                gop.addKeyframe(tag);
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
        videoSequenceHeaders.clear();
        audioSequenceHeaders.clear();
        videoConfigurations.clear();
        audioConfigurations.clear();
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

    /** The latest video sequence header of each track, in publish order. */
    List<FlvTag> videoSequenceHeaders() {
        return videoSequenceHeaders.tags();
    }

    /** The latest audio sequence header of each track, in publish order. */
    List<FlvTag> audioSequenceHeaders() {
        return audioSequenceHeaders.tags();
    }

    /** The latest video Metadata packet of each track, in publish order. */
    List<FlvTag> videoConfigurations() {
        return videoConfigurations.tags();
    }

    /** The latest audio MultichannelConfig of each track, in publish order. */
    List<FlvTag> audioConfigurations() {
        return audioConfigurations.tags();
    }

    /** The current GOP (possibly empty). */
    GopCache gop() {
        return gop;
    }
}
