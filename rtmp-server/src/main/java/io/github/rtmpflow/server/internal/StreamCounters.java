package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.amf.Amf0Reader;
import io.github.rtmpflow.core.amf.AmfEcmaArray;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfValue;
import io.github.rtmpflow.flv.AudioCodec;
import io.github.rtmpflow.flv.AudioTagHeader;
import io.github.rtmpflow.flv.AudioTrack;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.VideoCodec;
import io.github.rtmpflow.flv.VideoDecoderConfiguration;
import io.github.rtmpflow.flv.VideoPacketType;
import io.github.rtmpflow.flv.VideoTagHeader;
import io.github.rtmpflow.flv.VideoTrack;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counters of one publish session, updated on the publisher's loop for every tag and read
 * from any thread (single writer, volatile fields; the per-tag counters are written with release
 * stores, which cost no fence on x86, where a volatile write costs one per field and tag). Codec and resolution come from the first
 * tags and sequence headers, with onMetaData as fallback; parsing failures only leave a value
 * unknown (statistics never cost a stream).
 */
public final class StreamCounters {

    private static final VarHandle TAGS = counter("tags");
    private static final VarHandle BYTES = counter("bytes");
    private static final VarHandle VIDEO_TAGS = counter("videoTags");
    private static final VarHandle AUDIO_TAGS = counter("audioTags");
    private static final VarHandle KEYFRAMES = counter("keyframes");
    private static final VarHandle VIDEO_FRAMES = counter("videoFrames");
    private static final VarHandle LAST_TIMESTAMP = counter("lastTimestamp");
    private static final VarHandle LAST_VIDEO_TIMESTAMP = counter("lastVideoTimestamp");

    private static final RtmpLimits METADATA_LIMITS = RtmpLimits.DEFAULTS;

    private volatile long tags;
    private volatile long bytes;
    private volatile long videoTags;
    private volatile long audioTags;
    private volatile long keyframes;
    private volatile long videoFrames;
    private volatile long firstTimestamp = Long.MIN_VALUE;
    private volatile long lastTimestamp;
    private volatile long firstVideoTimestamp = Long.MIN_VALUE;
    private volatile long lastVideoTimestamp;
    /** Publisher-loop only: the timestamp of the last keyframe counted. */
    private long lastKeyframeTimestamp = Long.MIN_VALUE;
    private volatile VideoCodec videoCodec;
    private volatile AudioCodec audioCodec;
    private volatile int width;
    private volatile int height;
    /** Immutable, replaced when a track appears (rare): readers take the reference. */
    private volatile Map<Integer, VideoCodec> videoTracks = Map.of();
    private volatile Map<Integer, AudioCodec> audioTracks = Map.of();
    /** Publisher-loop only: tags parsed for their tracks so far. */
    private int videoTagsScanned;
    private int audioTagsScanned;

    /**
     * How many leading audio and video tags are parsed for their track ids (beyond sequence
     * headers, which always are): enough for tracks without a sequence header (AC-3, MP3), and
     * a bounded cost per session.
     */
    static final int TRACK_SCAN_TAGS = 100;

    /** Creates zeroed counters. */
    public StreamCounters() {
    }

    /** Counts {@code tag}; publisher loop thread only. */
    public void onTag(FlvTag tag) {
        TAGS.setRelease(this, tags + 1);
        BYTES.setRelease(this, bytes + tag.size());
        long ts = tag.timestamp();
        if (firstTimestamp == Long.MIN_VALUE) {
            firstTimestamp = ts;
        }
        LAST_TIMESTAMP.setRelease(this, ts);
        if (tag.isVideo()) {
            onVideo(tag, ts);
        } else if (tag.isAudio()) {
            onAudio(tag);
        } else if (tag.isOnMetaData()) {
            onMetadata(tag);
        }
    }

    private void onVideo(FlvTag tag, long ts) {
        VIDEO_TAGS.setRelease(this, videoTags + 1);
        // Frames and keyframes count instants (distinct timestamps): Enhanced RTMP multitrack
        // sends each rendition of one picture in its own tag at the same timestamp.
        boolean newInstant = firstVideoTimestamp == Long.MIN_VALUE || ts != lastVideoTimestamp;
        if (tag.isKeyframe() && ts != lastKeyframeTimestamp) {
            KEYFRAMES.setRelease(this, keyframes + 1);
            lastKeyframeTimestamp = ts;
        }
        if (tag.isSequenceHeader()) {
            readVideoConfiguration(tag);
            return;
        }
        if (tag.isSequenceEnd() || tag.isTrackConfiguration() || tag.size() == 0) {
            return;
        }
        if (newInstant) {
            VIDEO_FRAMES.setRelease(this, videoFrames + 1);
        }
        if (firstVideoTimestamp == Long.MIN_VALUE) {
            firstVideoTimestamp = ts;
        }
        LAST_VIDEO_TIMESTAMP.setRelease(this, ts);
        if (videoCodec == null || videoTagsScanned < TRACK_SCAN_TAGS) {
            videoTagsScanned++;
            try {
                VideoTagHeader header = VideoTagHeader.parse(tag);
                noteVideoTracks(header);
                if (videoCodec == null && !header.tracks().isEmpty()) {
                    videoCodec = header.codec();
                }
            } catch (ProtocolException | RuntimeException e) {
                // unknown codec: leave it unknown
            }
        }
    }

    private void noteVideoTracks(VideoTagHeader header) {
        Map<Integer, VideoCodec> known = videoTracks;
        Map<Integer, VideoCodec> next = null;
        for (VideoTrack track : header.tracks()) {
            if (known.get(track.trackId()) != track.codec()) {
                next = next == null ? new TreeMap<>(known) : next;
                next.put(track.trackId(), track.codec());
            }
        }
        if (next != null) {
            videoTracks = Collections.unmodifiableMap(next);
        }
    }

    private void noteAudioTracks(AudioTagHeader header) {
        Map<Integer, AudioCodec> known = audioTracks;
        Map<Integer, AudioCodec> next = null;
        for (AudioTrack track : header.tracks()) {
            if (known.get(track.trackId()) != track.codec()) {
                next = next == null ? new TreeMap<>(known) : next;
                next.put(track.trackId(), track.codec());
            }
        }
        if (next != null) {
            audioTracks = Collections.unmodifiableMap(next);
        }
    }

    private void readVideoConfiguration(FlvTag tag) {
        try {
            VideoTagHeader header = VideoTagHeader.parse(tag);
            videoCodec = header.codec();
            noteVideoTracks(header);
            if (header.packetType() != VideoPacketType.SEQUENCE_START || header.tracks().isEmpty()) {
                return;
            }
            VideoTrack track = header.tracks().get(0);
            VideoDecoderConfiguration configuration = track.decoderConfiguration();
            if (configuration != null && configuration.width() > 0) {
                width = configuration.width();
                height = configuration.height();
            }
        } catch (ProtocolException | RuntimeException e) {
            // malformed configuration: resolution stays as it was
        }
    }

    private void onAudio(FlvTag tag) {
        AUDIO_TAGS.setRelease(this, audioTags + 1);
        if (tag.size() > 0 && (audioCodec == null || tag.isSequenceHeader() || audioTagsScanned < TRACK_SCAN_TAGS)) {
            audioTagsScanned++;
            try {
                AudioTagHeader header = AudioTagHeader.parse(tag);
                noteAudioTracks(header);
                if (audioCodec == null) {
                    audioCodec = header.codec();
                }
            } catch (ProtocolException | RuntimeException e) {
                // unknown codec: leave it unknown
            }
        }
    }

    private void onMetadata(FlvTag tag) {
        if (width > 0) {
            return;
        }
        try {
            List<AmfValue> values = new Amf0Reader(METADATA_LIMITS).readAll(tag.payload());
            Map<String, AmfValue> properties = null;
            for (AmfValue value : values) {
                if (value instanceof AmfEcmaArray) {
                    properties = ((AmfEcmaArray) value).entries();
                } else if (value instanceof AmfObject) {
                    properties = ((AmfObject) value).properties();
                }
            }
            if (properties != null && properties.get("width") instanceof AmfNumber
                    && properties.get("height") instanceof AmfNumber) {
                width = (int) ((AmfNumber) properties.get("width")).value();
                height = (int) ((AmfNumber) properties.get("height")).value();
            }
        } catch (ProtocolException | RuntimeException e) {
            // metadata we cannot read does not matter to the counters
        }
    }

    /** Returns the tags counted. */
    public long tags() {
        return tags;
    }

    /** Returns the body bytes counted. */
    public long bytes() {
        return bytes;
    }

    /** Returns the video tags counted. */
    public long videoTags() {
        return videoTags;
    }

    /** Returns the audio tags counted. */
    public long audioTags() {
        return audioTags;
    }

    /** Returns the keyframes counted. */
    public long keyframes() {
        return keyframes;
    }

    /** Returns the media timeline span in milliseconds. */
    public long mediaDurationMillis() {
        long first = firstTimestamp;
        return first == Long.MIN_VALUE ? 0 : Math.max(0, lastTimestamp - first);
    }

    /** Returns bits per second over the media timeline, 0 while it spans no time. */
    public double bitrate() {
        long duration = mediaDurationMillis();
        return duration <= 0 ? 0 : bytes * 8_000.0 / duration;
    }

    /** Returns video frames per second over the video timeline, 0 before two frames. */
    public double frameRate() {
        long first = firstVideoTimestamp;
        long frames = videoFrames;
        long span = lastVideoTimestamp - first;
        return first == Long.MIN_VALUE || frames < 2 || span <= 0 ? 0 : (frames - 1) * 1000.0 / span;
    }

    /** Returns the video codec, null until known. */
    public VideoCodec videoCodec() {
        return videoCodec;
    }

    /** Returns the audio codec, null until known. */
    public AudioCodec audioCodec() {
        return audioCodec;
    }

    /** Returns the video codec of each track id seen, in track order. */
    public Map<Integer, VideoCodec> videoTracks() {
        return videoTracks;
    }

    /** Returns the audio codec of each track id seen, in track order. */
    public Map<Integer, AudioCodec> audioTracks() {
        return audioTracks;
    }

    /** Returns the width in pixels, 0 when unknown. */
    public int width() {
        return width;
    }

    /** Returns the height in pixels, 0 when unknown. */
    public int height() {
        return height;
    }

    private static VarHandle counter(String field) {
        try {
            return MethodHandles.lookup().findVarHandle(StreamCounters.class, field, long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
