package io.github.rtmpflow.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Track selection on Enhanced RTMP multitrack tags, with byte layouts written by hand from
 * enhanced-rtmp-v2 (ExVideoTagHeader / ExAudioTagHeader, AvMultitrackType).
 */
class TrackSelectionTest {
    private static final HexFormat HEX = HexFormat.of();

    /** Key frame, Multitrack; ManyTracks + CodedFrames; hvc1; track 0 (cts 0, aabb), track 1 (cts 0, cc). */
    private static final String HEVC_MANY_TRACKS_KEY =
            "96" + "11" + "68766331" + "00" + "000005" + "000000aabb" + "01" + "000004" + "000000cc";
    /** The same narrowed to track 1: OneTrack + CodedFrames, hvc1, track 1, its body. */
    private static final String HEVC_TRACK_1_KEY = "96" + "01" + "68766331" + "01" + "000000cc";
    /** Audio ExHeader, Multitrack; ManyTracksManyCodecs + CodedFrames; Opus 0, mp4a 1, fLaC 2. */
    private static final String AUDIO_MANY_CODECS =
            "95" + "21" + "4f707573" + "00" + "000002" + "0102" + "6d703461" + "01" + "000001" + "03"
                    + "664c6143" + "02" + "000001" + "04";
    /** ModEx TimestampOffsetNano 500 ns, then Multitrack ManyTracks CodedFrames, hvc1, tracks 0 and 1. */
    private static final String MOD_EX_MANY_TRACKS =
            "97" + "02" + "0001f4" + "06" + "11" + "68766331" + "00" + "000005" + "000000aabb" + "01" + "000004"
                    + "000000cc";

    private static FlvTag video(String hex) {
        return FlvTag.of(TagType.VIDEO, 40, ByteBuffer.wrap(HEX.parseHex(hex)));
    }

    private static FlvTag audio(String hex) {
        return FlvTag.of(TagType.AUDIO, 40, ByteBuffer.wrap(HEX.parseHex(hex)));
    }

    private static String hex(FlvTag tag) {
        ByteBuffer b = tag.payload();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return HEX.formatHex(bytes);
    }

    private static TrackSelection video(Integer... ids) {
        return TrackSelection.of(Set.of(ids), null);
    }

    @Test
    void shouldPassEveryTagUnchangedWithoutSelection() {
        FlvTag many = video(HEVC_MANY_TRACKS_KEY);
        assertThat(TrackFilter.apply(many, TrackSelection.ALL)).isSameAs(many);
    }

    @Test
    void shouldRewriteAManyTracksTagIntoTheOneChosenTrack() throws Exception {
        FlvTag narrowed = TrackFilter.apply(video(HEVC_MANY_TRACKS_KEY), video(1));

        assertThat(hex(narrowed)).isEqualTo(HEVC_TRACK_1_KEY);
        assertThat(narrowed.timestamp()).isEqualTo(40);
        assertThat(narrowed.isKeyframe()).isTrue();
        VideoTagHeader header = VideoTagHeader.parse(narrowed);
        assertThat(header.multitrackType()).isEqualTo(AvMultitrackType.ONE_TRACK);
        assertThat(header.tracks()).singleElement().satisfies(t -> {
            assertThat(t.trackId()).isEqualTo(1);
            assertThat(t.codec()).isEqualTo(VideoCodec.HEVC);
        });
    }

    @Test
    void shouldKeepTheWholeTagWhenAllItsTracksAreChosen() {
        FlvTag many = video(HEVC_MANY_TRACKS_KEY);
        assertThat(TrackFilter.apply(many, video(0, 1, 7))).isSameAs(many);
    }

    @Test
    void shouldDropATagWithoutAChosenTrack() {
        assertThat(TrackFilter.apply(video(HEVC_MANY_TRACKS_KEY), video(5))).isNull();
        assertThat(TrackFilter.apply(video(HEVC_TRACK_1_KEY), video(0))).isNull();
    }

    @Test
    void shouldTreatATagWithoutMultitrackAsTrackZero() {
        FlvTag legacy = TestTags.keyframe(0, 10);
        FlvTag enhanced = video("91" + "68766331" + "000000" + "aa");
        assertThat(TrackFilter.apply(legacy, video(0))).isSameAs(legacy);
        assertThat(TrackFilter.apply(enhanced, video(0))).isSameAs(enhanced);
        assertThat(TrackFilter.apply(legacy, video(1))).isNull();
        assertThat(TrackFilter.apply(enhanced, video(1))).isNull();
    }

    @Test
    void shouldSelectAudioAndVideoTracksSeparately() {
        FlvTag audio = audio(AUDIO_MANY_CODECS);
        TrackSelection videoOnlyChoice = video(1);
        assertThat(TrackFilter.apply(audio, videoOnlyChoice)).as("audio: every track").isSameAs(audio);
        TrackSelection audioChoice = TrackSelection.of(null, Set.of(2));
        assertThat(hex(TrackFilter.apply(audio, audioChoice))).isEqualTo("95" + "01" + "664c6143" + "02" + "04");
    }

    @Test
    void shouldKeepPerTrackCodecsWhenSeveralTracksOfAManyCodecsTagRemain() throws Exception {
        FlvTag narrowed = TrackFilter.apply(audio(AUDIO_MANY_CODECS), TrackSelection.of(null, Set.of(0, 2)));

        assertThat(hex(narrowed)).isEqualTo(
                "95" + "21" + "4f707573" + "00" + "000002" + "0102" + "664c6143" + "02" + "000001" + "04");
        AudioTagHeader header = AudioTagHeader.parse(narrowed);
        assertThat(header.tracks()).extracting(AudioTrack::codec).containsExactly(AudioCodec.OPUS, AudioCodec.FLAC);
    }

    @Test
    void shouldKeepTheModExPrefixWhenRewriting() throws Exception {
        FlvTag narrowed = TrackFilter.apply(video(MOD_EX_MANY_TRACKS), video(1));

        assertThat(hex(narrowed)).isEqualTo("97" + "02" + "0001f4" + "06" + "01" + "68766331" + "01" + "000000cc");
        VideoTagHeader header = VideoTagHeader.parse(narrowed);
        assertThat(header.timestampNanoOffset()).isEqualTo(500);
        assertThat(header.tracks()).extracting(VideoTrack::trackId).containsExactly(1);
        assertThat(narrowed.isKeyframe()).isTrue();
    }

    @Test
    void shouldKeepTheChosenTracksOfATagWithManyTracksInWireOrder() {
        StringBuilder hex = new StringBuilder("95" + "11" + "4f707573");
        for (int id = 0; id < 9; id++) {
            hex.append(String.format("%02x", id)).append("000002").append(String.format("%02x%02x", id, id));
        }
        FlvTag narrowed = TrackFilter.apply(audio(hex.toString()), TrackSelection.of(null, Set.of(7, 2)));

        assertThat(hex(narrowed)).isEqualTo("95" + "11" + "4f707573" + "02" + "000002" + "0202" + "07" + "000002"
                + "0707");
    }

    @ParameterizedTest(name = "cut at {0}")
    @CsvSource({"1", "2", "5", "6", "9", "12", "17"})
    void shouldTreatATruncatedMultitrackTagAsTrackZero(int length) {
        FlvTag cut = video(HEVC_MANY_TRACKS_KEY.substring(0, length * 2));
        assertThat(TrackFilter.apply(cut, video(0))).isSameAs(cut);
        assertThat(TrackFilter.apply(cut, video(1))).isNull();
    }

    @Test
    void shouldRefuseTrackIdsThatDoNotFitAByte() {
        assertThatThrownBy(() -> TrackSelection.of(Set.of(256), null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("videoTrackIds");
    }

    @Test
    void shouldGiveASubscriberOnlyItsTracksAndTheirConfigurationWhenItJoinsLate() {
        FlvTag header0 = video("96" + "00" + "68766331" + "00" + "a0");
        FlvTag header1 = video("96" + "00" + "68766331" + "01" + "a1");
        FlvTag key0 = video("96" + "01" + "68766331" + "00" + "000000" + "b0");
        FlvTag key1 = video("96" + "01" + "68766331" + "01" + "000000" + "b1");
        FlvTag inter = FlvTag.of(TagType.VIDEO, 80, ByteBuffer.wrap(HEX.parseHex(
                "a6" + "11" + "68766331" + "00" + "000004" + "000000c0" + "01" + "000004" + "000000c1")));
        TagFanout fanout = new TagFanout("live/multi");
        for (FlvTag tag : List.of(header0, header1, key0, key1, inter)) {
            fanout.publish(tag);
        }
        RecordingSubscriber late = new RecordingSubscriber(Long.MAX_VALUE);
        fanout.subscribe(late, SubscribeOptions.defaults().withExecutor(SubscribeOptions.CALLER_THREAD)
                .withReplayGop(true).withTracks(video(1)));
        fanout.publish(FlvTag.of(TagType.VIDEO, 120, ByteBuffer.wrap(HEX.parseHex(
                "a6" + "01" + "68766331" + "01" + "000000d1"))));

        assertThat(late.tags().stream().map(TrackSelectionTest::hex).collect(Collectors.toList())).containsExactly(
                hex(header1), hex(key1), "a6" + "01" + "68766331" + "01" + "000000c1",
                "a6" + "01" + "68766331" + "01" + "000000d1");
    }

    @Test
    void shouldCacheEveryTrackKeyframeOfOneInstantForGopReplay() {
        FlvTag key0 = video("96" + "01" + "68766331" + "00" + "000000" + "b0");
        FlvTag key1 = video("96" + "01" + "68766331" + "01" + "000000" + "b1");
        TagFanout fanout = new TagFanout("live/multi");
        fanout.publish(key0);
        fanout.publish(key1);
        RecordingSubscriber late = new RecordingSubscriber(Long.MAX_VALUE);
        fanout.subscribe(late, SubscribeOptions.defaults().withExecutor(SubscribeOptions.CALLER_THREAD)
                .withReplayGop(true));
        fanout.publish(TestTags.aacFrame(50, 4));

        assertThat(late.tags()).startsWith(key0, key1);
    }

    @Test
    void shouldReplayTheLatestColorInfoAndMultichannelConfigOfEachTrackToLateJoiners() {
        FlvTag header = video("90" + "68766331" + "a0");
        FlvTag colorOld = video("d4" + "68766331" + "02000963" + "01");
        FlvTag colorNew = video("94" + "68766331" + "02000963" + "02");
        FlvTag opusHead = audio("90" + "4f707573" + "4f707573486561640102380180bb0000000000");
        // MultichannelConfig: Native order, 2 channels, FrontLeft | FrontRight
        FlvTag channels = audio("94" + "4f707573" + "01" + "02" + "00000003");
        FlvTag key = video("91" + "68766331" + "000000" + "b0");
        FlvTag inter = video("a1" + "68766331" + "000000" + "b1");
        assertThat(colorOld.isTrackConfiguration()).isTrue();
        assertThat(colorNew.isTrackConfiguration()).isTrue();
        assertThat(channels.isTrackConfiguration()).isTrue();
        assertThat(key.isTrackConfiguration()).isFalse();
        TagFanout fanout = new TagFanout("live/hdr");
        for (FlvTag tag : List.of(header, colorOld, opusHead, channels, key, colorNew, inter)) {
            fanout.publish(tag);
        }
        RecordingSubscriber late = new RecordingSubscriber(Long.MAX_VALUE);
        fanout.subscribe(late, SubscribeOptions.defaults().withExecutor(SubscribeOptions.CALLER_THREAD));
        FlvTag nextKey = video("91" + "68766331" + "000000" + "b2");
        fanout.publish(nextKey);

        assertThat(late.tags()).containsExactly(header, opusHead, colorNew, channels, nextKey);
    }

    @Test
    void shouldWriteTheDefaultTrackWithoutMultitrackSignallingForConsumersWithoutMultitrack() throws Exception {
        TrackSelection plain = TrackSelection.DEFAULT_TRACKS_WITHOUT_MULTITRACK;

        assertThat(hex(TrackFilter.apply(video(HEVC_MANY_TRACKS_KEY), plain))).isEqualTo("91" + "68766331" + "000000aabb");
        assertThat(hex(TrackFilter.apply(video(MOD_EX_MANY_TRACKS), plain)))
                .isEqualTo("97" + "02" + "0001f4" + "01" + "68766331" + "000000aabb");
        assertThat(hex(TrackFilter.apply(video("96" + "00" + "68766331" + "00" + "a0"), plain)))
                .as("a OneTrack sequence start").isEqualTo("90" + "68766331" + "a0");
        assertThat(TrackFilter.apply(video(HEVC_TRACK_1_KEY), plain)).isNull();
        assertThat(hex(TrackFilter.apply(audio(AUDIO_MANY_CODECS), plain))).isEqualTo("91" + "4f707573" + "0102");
        FlvTag single = video("91" + "68766331" + "000000" + "aa");
        assertThat(TrackFilter.apply(single, plain)).isSameAs(single);
        FlvTag flattened = TrackFilter.apply(video(MOD_EX_MANY_TRACKS), plain);
        assertThat(flattened.isKeyframe()).isTrue();
        VideoTagHeader header = VideoTagHeader.parse(flattened);
        assertThat(header.isMultitrack()).isFalse();
        assertThat(header.timestampNanoOffset()).isEqualTo(500);
        assertThat(header.codec()).isEqualTo(VideoCodec.HEVC);
    }

    @Test
    void shouldShareOneNarrowedTagBetweenSubscribersWithEqualSelections() {
        TagFanout fanout = new TagFanout("live/shared");
        RecordingSubscriber first = new RecordingSubscriber(Long.MAX_VALUE);
        RecordingSubscriber second = new RecordingSubscriber(Long.MAX_VALUE);
        RecordingSubscriber other = new RecordingSubscriber(Long.MAX_VALUE);
        SubscribeOptions inline = SubscribeOptions.defaults().withExecutor(SubscribeOptions.CALLER_THREAD);
        fanout.subscribe(first, inline.withTracks(video(1)));
        fanout.subscribe(second, inline.withTracks(TrackSelection.of(Set.of(1), null)));
        fanout.subscribe(other, inline.withTracks(video(0)));
        fanout.publish(video(HEVC_MANY_TRACKS_KEY));

        assertThat(first.tags()).hasSize(1);
        assertThat(second.tags().get(0)).isSameAs(first.tags().get(0));
        assertThat(hex(first.tags().get(0))).isEqualTo(HEVC_TRACK_1_KEY);
        assertThat(hex(other.tags().get(0))).isEqualTo("96" + "01" + "68766331" + "00" + "000000aabb");
    }
}
