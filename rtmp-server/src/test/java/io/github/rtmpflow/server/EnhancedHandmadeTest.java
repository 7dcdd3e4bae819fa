package io.github.rtmpflow.server;

import static io.github.rtmpflow.server.testing.EnhancedTags.FLAC_STREAMINFO;
import static io.github.rtmpflow.server.testing.EnhancedTags.OPUS_HEAD;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.AudioCodec;
import io.github.rtmpflow.flv.AudioTagHeader;
import io.github.rtmpflow.flv.AudioTrack;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.flv.TrackSelection;
import io.github.rtmpflow.flv.VideoCodec;
import io.github.rtmpflow.flv.VideoPacketType;
import io.github.rtmpflow.flv.VideoTagHeader;
import io.github.rtmpflow.flv.VideoTrack;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.interop.Recordings;
import io.github.rtmpflow.server.testing.CaptureReplay;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.EnhancedTags;
import io.github.rtmpflow.server.testing.FlvFiles;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestServers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enhanced RTMP layouts no available client emits, built by hand from enhanced-rtmp-v2 around
 * real codec data from the FFmpeg captures, published with {@link RtmpClient}: multitrack video
 * (two HEVC tracks) with ModEx nano offsets and a colorInfo metadata packet, enhanced AAC (mp4a)
 * plus a ManyTracksManyCodecs audio track set (Opus, FLAC, AC-3, E-AC-3), AVC in enhanced form
 * (avc1) and HEVC with legacy codec id 12. Every tag must reach a subscriber and the recording
 * byte for byte; codecs, tracks, resolution and keyframes must be recognised; a subscriber that
 * selects tracks gets exactly their bytes. (FFmpeg 7.1's FLV demuxer reads none of these layouts,
 * so nothing external reads them back: our own FLV reader does.)
 */
class EnhancedHandmadeTest {

    @TempDir
    Path recordings;

    private static List<FlvTag> capture(String fixture) {
        return EnhancedCaptureTest.mediaMessages(CaptureReplay.fixture(fixture));
    }

    /** The HEVC capture as two-track video with ModEx, colorInfo, mp4a audio and four more audio tracks. */
    private static List<FlvTag> multitrackStream() {
        List<FlvTag> out = new ArrayList<>();
        int audioFrames = 0;
        int videoFrames = 0;
        boolean audioConfigured = false;
        for (FlvTag tag : capture("ffmpeg71_hevc_publish_c2s.bin")) {
            if (tag.isVideo()) {
                int packetType = tag.byteAt(0) & 0x0F;
                if (packetType > 3) {
                    out.add(EnhancedTags.colorInfo(tag.timestamp(), "hvc1")); // instead of FFmpeg's own
                    continue;
                }
                FlvTag twoTracks = EnhancedTags.twoTracks(tag);
                boolean codedFrames = packetType == 1 || packetType == 3;
                out.add(codedFrames && videoFrames++ % 5 == 2 ? EnhancedTags.withNanoOffset(twoTracks, 333_333)
                        : twoTracks);
            } else {
                out.add(EnhancedTags.aacAsMp4a(tag));
                if (!audioConfigured) {
                    audioConfigured = true;
                    out.add(EnhancedTags.audioManyCodecs(tag.timestamp(), 0, "Opus", 1, OPUS_HEAD, "fLaC", 2,
                            FLAC_STREAMINFO));
                } else if (audioFrames++ % 4 == 0) {
                    out.add(EnhancedTags.audioManyCodecs(tag.timestamp(), 1, "Opus", 1, new byte[] {0x78, 1, 2},
                            "fLaC", 2, new byte[] {(byte) 0xFF, (byte) 0xF8, 3}, "ac-3", 3,
                            new byte[] {0x0B, 0x77, 4}, "ec-3", 4, new byte[] {0x0B, 0x77, 5}));
                }
            }
        }
        return out;
    }

    private static List<FlvTag> convert(String fixture, Function<FlvTag, FlvTag> video, Function<FlvTag, FlvTag> audio) {
        List<FlvTag> out = new ArrayList<>();
        for (FlvTag tag : capture(fixture)) {
            FlvTag converted = tag.isVideo() ? video.apply(tag) : audio.apply(tag);
            if (converted != null) {
                out.add(converted);
            }
        }
        return out;
    }

    private record Published(List<FlvTag> received, List<FlvTag> recorded, StreamStatistics statistics,
            List<FlvTag> selected) {
    }

    private Published publish(String name, List<FlvTag> sent, TrackSelection selection) throws Exception {
        CollectingSubscriber all = new CollectingSubscriber();
        CollectingSubscriber chosen = new CollectingSubscriber();
        CompletableFuture<StreamStatistics> ended = new CompletableFuture<>();
        RtmpServer server = TestServers.builder()
                .recordDirectory(recordings)
                .onPublish(stream -> {
                    stream.subscribe(all, SubscribeOptions.defaults());
                    stream.subscribe(chosen, SubscribeOptions.defaults().withTracks(selection));
                })
                .onUnpublish(stream -> ended.complete(stream.statistics()))
                .start();
        try {
            try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"))) {
                client.publish(name);
                for (FlvTag tag : sent) {
                    client.send(tag);
                }
            }
            List<FlvTag> received = all.done().get(30, TimeUnit.SECONDS);
            StreamStatistics statistics = ended.get(30, TimeUnit.SECONDS);
            List<FlvTag> selected = chosen.done().get(30, TimeUnit.SECONDS);
            Path file = recordings.resolve("live/" + name + ".flv");
            Poll.until("recording of " + name + " finished", () -> Recordings.isFinished(file));
            return new Published(received, FlvFiles.media(FlvFiles.read(file)), statistics, selected);
        } finally {
            server.close();
        }
    }

    @Test
    void shouldCarryMultitrackModExColorInfoAndEnhancedAudioByteForByte() throws Exception {
        List<FlvTag> sent = multitrackStream();
        Published p = publish("multi", sent, TrackSelection.of(Set.of(1), Set.of(3)));

        PublishRoundTripTest.assertSameTags(p.received(), sent);
        PublishRoundTripTest.assertSameMedia(p.recorded(), sent);
        StreamStatistics s = p.statistics();
        assertThat(s.videoCodec()).isEqualTo(VideoCodec.HEVC);
        assertThat(s.audioCodec()).isEqualTo(AudioCodec.AAC);
        assertThat(s.width()).isEqualTo(640);
        assertThat(s.height()).isEqualTo(360);
        assertThat(s.videoTracks()).isEqualTo(Map.of(0, VideoCodec.HEVC, 1, VideoCodec.HEVC));
        assertThat(s.audioTracks()).isEqualTo(Map.of(0, AudioCodec.AAC, 1, AudioCodec.OPUS, 2, AudioCodec.FLAC,
                3, AudioCodec.AC3, 4, AudioCodec.EAC3));
        long keyframes = sent.stream().filter(t -> t.isVideo() && isKeyCodedFrames(t)).count();
        assertThat(keyframes).isPositive();
        assertThat(s.keyframes()).isEqualTo(keyframes);
        assertThat(p.received().stream().filter(FlvTag::isSequenceHeader).count())
                .as("hvc1 x2 in one tag, mp4a, Opus + fLaC in one tag").isEqualTo(3);
        VideoTagHeader modEx = VideoTagHeader.parse(p.received().stream()
                .filter(t -> t.isVideo() && (t.byteAt(0) & 0x0F) == EnhancedTags.MOD_EX).findFirst().orElseThrow());
        assertThat(modEx.timestampNanoOffset()).isEqualTo(333_333);
        assertThat(modEx.tracks()).extracting(VideoTrack::trackId).containsExactly(0, 1);
        VideoTagHeader color = VideoTagHeader.parse(p.received().stream()
                .filter(t -> t.isVideo() && (t.byteAt(0) & 0x0F) == 4).findFirst().orElseThrow());
        assertThat(color.packetType()).isEqualTo(VideoPacketType.METADATA);

        assertSelectedTracks(sent, p.selected());
    }

    /** The track-1 video and track-3 audio subscriber: each tag narrowed to its track, bytes kept. */
    private static void assertSelectedTracks(List<FlvTag> sent, List<FlvTag> selected) throws Exception {
        List<String> expected = new ArrayList<>();
        for (FlvTag tag : sent) {
            if (tag.isVideo() && VideoTagHeader.parse(tag).isMultitrack()) {
                for (VideoTrack track : VideoTagHeader.parse(tag).tracks()) {
                    if (track.trackId() == 1) {
                        expected.add("v" + tag.timestamp() + ":" + track.codec() + ":" + track.compositionTime() + ":"
                                + track.data().remaining() + ":" + track.data().hashCode());
                    }
                }
            } else if (tag.isAudio() && AudioTagHeader.parse(tag).isMultitrack()) {
                for (AudioTrack track : AudioTagHeader.parse(tag).tracks()) {
                    if (track.trackId() == 3) {
                        expected.add("a" + tag.timestamp() + ":" + track.codec() + ":" + track.data().hashCode());
                    }
                }
            }
        }
        List<String> actual = new ArrayList<>();
        for (FlvTag tag : selected) {
            if (tag.isVideo()) {
                VideoTagHeader header = VideoTagHeader.parse(tag);
                if (header.packetType() == VideoPacketType.METADATA) {
                    continue; // track 0 by default: not chosen, cannot appear
                }
                VideoTrack track = header.tracks().get(0);
                assertThat(header.tracks()).hasSize(1);
                actual.add("v" + tag.timestamp() + ":" + track.codec() + ":" + track.compositionTime() + ":"
                        + track.data().remaining() + ":" + track.data().hashCode());
            } else if (tag.isAudio()) {
                AudioTagHeader header = AudioTagHeader.parse(tag);
                assertThat(header.tracks()).hasSize(1);
                AudioTrack track = header.tracks().get(0);
                actual.add("a" + tag.timestamp() + ":" + track.codec() + ":" + track.data().hashCode());
            }
        }
        assertThat(actual).isNotEmpty().isEqualTo(expected);
        assertThat(selected.stream().filter(FlvTag::isVideo).filter(t -> (t.byteAt(0) & 0x0F) == 4)).isEmpty();
    }

    private static boolean isKeyCodedFrames(FlvTag tag) {
        try {
            return VideoTagHeader.parse(tag).isKeyframe();
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void shouldGiveAConsumerWithoutMultitrackTheDefaultTrackInPlainEnhancedForm() throws Exception {
        List<FlvTag> original = capture("ffmpeg71_hevc_publish_c2s.bin");
        List<FlvTag> sent = new ArrayList<>();
        for (FlvTag tag : original) {
            sent.add(tag.isVideo() && (tag.byteAt(0) & 0x0F) <= 3 ? EnhancedTags.twoTracks(tag) : tag);
        }
        Published p = publish("plain", sent, TrackSelection.DEFAULT_TRACKS_WITHOUT_MULTITRACK);

        PublishRoundTripTest.assertSameTags(p.received(), sent);
        PublishRoundTripTest.assertSameTags(p.selected(), original);
    }

    @Test
    void shouldCountTheRenditionsOfOnePictureAsOneFrameWhenEachTrackHasItsOwnTag() throws Exception {
        List<FlvTag> original = capture("ffmpeg71_hevc_publish_c2s.bin");
        List<FlvTag> perTrack = new ArrayList<>();
        for (FlvTag tag : original) {
            if (tag.isVideo() && (tag.byteAt(0) & 0x0F) <= 3) {
                perTrack.add(EnhancedTags.oneTrack(tag, 0));
                perTrack.add(EnhancedTags.oneTrack(tag, 1));
            } else {
                perTrack.add(tag);
            }
        }
        StreamStatistics single = publish("single", original, TrackSelection.ALL).statistics();
        Published p = publish("pertrack", perTrack, TrackSelection.of(Set.of(1), null));

        PublishRoundTripTest.assertSameTags(p.received(), perTrack);
        assertThat(p.statistics().videoTracks()).isEqualTo(Map.of(0, VideoCodec.HEVC, 1, VideoCodec.HEVC));
        assertThat(p.statistics().keyframes()).isEqualTo(single.keyframes()).isPositive();
        assertThat(p.statistics().frameRate()).isEqualTo(single.frameRate()).isPositive();
        assertThat(p.statistics().width()).isEqualTo(640);
        assertThat(p.selected().stream().filter(FlvTag::isVideo).filter(t -> (t.byteAt(0) & 0x0F) != 4).count())
                .as("track 1 only: one tag per picture").isEqualTo(original.stream().filter(FlvTag::isVideo)
                        .filter(t -> (t.byteAt(0) & 0x0F) <= 3).count());
    }

    @Test
    void shouldRecogniseAvcInEnhancedForm() throws Exception {
        List<FlvTag> sent = convert("ffmpeg_publish_c2s.bin", EnhancedTags::avcAsAvc1, Function.identity());
        Published p = publish("avc1", sent, TrackSelection.ALL);

        PublishRoundTripTest.assertSameTags(p.received(), sent);
        PublishRoundTripTest.assertSameMedia(p.recorded(), sent);
        assertThat(p.statistics().videoCodec()).isEqualTo(VideoCodec.AVC);
        assertThat(p.statistics().width()).isEqualTo(640);
        assertThat(p.statistics().height()).isEqualTo(360);
        assertThat(p.statistics().keyframes()).isEqualTo(sent.stream().filter(t -> t.isVideo()
                && t.byteAt(0) == 0x91).count()).isPositive();
        assertThat(p.received().get(0).isSequenceHeader()).isTrue();
    }

    @Test
    void shouldRecogniseHevcWithLegacyCodecId12() throws Exception {
        List<FlvTag> sent = convert("ffmpeg71_hevc_publish_c2s.bin", EnhancedTags::hvc1AsCodecId12,
                Function.identity());
        Published p = publish("hevc12", sent, TrackSelection.ALL);

        PublishRoundTripTest.assertSameTags(p.received(), sent);
        PublishRoundTripTest.assertSameMedia(p.recorded(), sent);
        assertThat(p.statistics().videoCodec()).isEqualTo(VideoCodec.HEVC);
        assertThat(p.statistics().width()).isEqualTo(640);
        assertThat(p.statistics().height()).isEqualTo(360);
        assertThat(p.statistics().keyframes()).isEqualTo(sent.stream().filter(t -> t.isVideo()
                && t.byteAt(0) == 0x1C && t.byteAt(1) == 1).count()).isPositive();
        assertThat(p.received().stream().filter(FlvTag::isSequenceHeader).count()).isEqualTo(2);
    }
}
