package io.github.rtmpflow.server;

import io.github.rtmpflow.core.session.ClientCapabilities;
import io.github.rtmpflow.flv.AudioCodec;
import io.github.rtmpflow.flv.SubscriberStatistics;
import io.github.rtmpflow.flv.VideoCodec;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A snapshot of one publish session's counters. Rates are measured on the publisher's own
 * media timeline (first to last tag timestamp), not on the wall clock, so they describe the
 * stream (a file pushed faster than real time still shows its real bitrate and frame rate).
 *
 * @param app the application name
 * @param name the stream name (never with its query string)
 * @param publisherAddress the publisher's address
 * @param startTime when the publish session started (wall clock)
 * @param live whether the publisher is still publishing
 * @param tags tags published (audio, video, script)
 * @param bytes body bytes of those tags
 * @param videoTags video tags, sequence headers included
 * @param audioTags audio tags, sequence headers included
 * @param keyframes video keyframes (the keyframes of all Enhanced RTMP tracks at one timestamp
 *     count once)
 * @param mediaDurationMillis span of the media timeline so far: last minus first timestamp
 * @param bitrate bits per second over the media timeline, 0 until it spans time
 * @param frameRate video frames per second over the video timeline (sequence headers not
 *     counted; the frames of all Enhanced RTMP tracks at one timestamp count once), 0 until two
 *     frames
 * @param videoCodec the video codec from the sequence header or first video tag; null until known
 * @param audioCodec the audio codec from the first audio tag; null until known
 * @param width coded width in pixels from the video configuration record or onMetaData, 0 when unknown
 * @param height coded height in pixels, 0 when unknown
 * @param subscribers one entry per subscriber and listener of this session and of the name
 *     (subscriptions made with {@link RtmpServer#subscribe}), with their drops
 * @param publisherCapabilities what the publisher announced in connect (Enhanced RTMP FourCCs,
 *     capsEx); {@link ClientCapabilities#NONE} for a legacy encoder
 * @param videoTracks video codec per track id (Enhanced RTMP multitrack; a tag without
 *     multitrack is track 0), from sequence headers and the session's first tags
 * @param audioTracks audio codec per track id, the same way
 */
public record StreamStatistics(
        String app,
        String name,
        InetSocketAddress publisherAddress,
        Instant startTime,
        boolean live,
        long tags,
        long bytes,
        long videoTags,
        long audioTags,
        long keyframes,
        long mediaDurationMillis,
        double bitrate,
        double frameRate,
        VideoCodec videoCodec,
        AudioCodec audioCodec,
        int width,
        int height,
        List<SubscriberStatistics> subscribers,
        ClientCapabilities publisherCapabilities,
        Map<Integer, VideoCodec> videoTracks,
        Map<Integer, AudioCodec> audioTracks) {

    /** Requires the identifying components; copies the subscriber list and track maps. */
    public StreamStatistics {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(startTime, "startTime");
        Objects.requireNonNull(publisherCapabilities, "publisherCapabilities");
        subscribers = List.copyOf(subscribers);
        // Sorted by track id, the spec's priority order (0 is the default track).
        videoTracks = Collections.unmodifiableMap(new TreeMap<>(videoTracks));
        audioTracks = Collections.unmodifiableMap(new TreeMap<>(audioTracks));
    }

    /**
     * A snapshot without Enhanced RTMP details: no announced capabilities, the codecs (if known)
     * as track 0.
     */
    public StreamStatistics(String app, String name, InetSocketAddress publisherAddress, Instant startTime,
            boolean live, long tags, long bytes, long videoTags, long audioTags, long keyframes,
            long mediaDurationMillis, double bitrate, double frameRate, VideoCodec videoCodec, AudioCodec audioCodec,
            int width, int height, List<SubscriberStatistics> subscribers) {
        this(app, name, publisherAddress, startTime, live, tags, bytes, videoTags, audioTags, keyframes,
                mediaDurationMillis, bitrate, frameRate, videoCodec, audioCodec, width, height, subscribers,
                ClientCapabilities.NONE, videoCodec == null ? Map.of() : Map.of(0, videoCodec),
                audioCodec == null ? Map.of() : Map.of(0, audioCodec));
    }

    /** Returns {@code app/name}. */
    public String path() {
        return app + "/" + name;
    }

    /** Returns the tags dropped for all subscribers together. */
    public long droppedTags() {
        long total = 0;
        for (SubscriberStatistics s : subscribers) {
            total += s.droppedTags();
        }
        return total;
    }
}
