package io.github.rtmpflow.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Video tag bodies written by hand from the legacy FLV and Enhanced RTMP v2 layouts. */
class VideoTagHeaderTest {
    private static final String AVC_RECORD =
            "01640028ffe1001b67640028acd940780227e5c044000003000400000300c83c60c658010006 68ebe3cb22c0";

    static FlvTag video(String hex) {
        return FlvTag.of(TagType.VIDEO, 0, ByteBuffer.wrap(HexFormat.of().parseHex(hex.replaceAll("\\s", ""))));
    }

    static ByteBuffer bytes(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replaceAll("\\s", "")));
    }

    private static VideoTagHeader parse(String hex) throws ProtocolException {
        FlvTag tag = video(hex);
        VideoTagHeader header = VideoTagHeader.parse(tag);
        // the cheap predicates agree with the full view
        assertThat(tag.isKeyframe()).as("isKeyframe").isEqualTo(header.isKeyframe());
        assertThat(tag.isSequenceHeader()).as("isSequenceHeader").isEqualTo(!header.tracks().isEmpty()
                && (header.packetType() == VideoPacketType.SEQUENCE_START
                || header.packetType() == VideoPacketType.MPEG2TS_SEQUENCE_START));
        assertThat(tag.isSequenceEnd()).as("isSequenceEnd").isEqualTo(!header.tracks().isEmpty()
                && header.packetType() == VideoPacketType.SEQUENCE_END);
        return header;
    }

    @Test
    void shouldParseALegacyAvcSequenceHeaderAndItsRecord() throws ProtocolException {
        VideoTagHeader h = parse("17 00 000000" + AVC_RECORD);

        assertThat(h.exHeader()).isFalse();
        assertThat(h.frameType()).isEqualTo(VideoTagHeader.FRAME_TYPE_KEY);
        assertThat(h.packetType()).isEqualTo(VideoPacketType.SEQUENCE_START);
        assertThat(h.codec()).isEqualTo(VideoCodec.AVC);
        assertThat(h.multitrackType()).isNull();
        VideoDecoderConfiguration config = h.tracks().get(0).decoderConfiguration();
        assertThat(config).isInstanceOf(AvcDecoderConfigurationRecord.class);
        assertThat(config.width()).isEqualTo(1920);
        assertThat(config.height()).isEqualTo(1080);
    }

    @Test
    void shouldReadANegativeLegacyCompositionTime() throws ProtocolException {
        VideoTagHeader h = parse("27 01 fffffe 00000002 0901");

        assertThat(h.frameType()).isEqualTo(VideoTagHeader.FRAME_TYPE_INTER);
        assertThat(h.packetType()).isEqualTo(VideoPacketType.CODED_FRAMES);
        assertThat(h.compositionTime()).isEqualTo(-2);
        assertThat(h.tracks().get(0).data()).isEqualTo(bytes("00000002 0901"));
    }

    @Test
    void shouldTakeLegacyCodecId12AsHevc() throws ProtocolException {
        VideoTagHeader h = parse("1c 01 000021 00000001 26");

        assertThat(h.codec()).isEqualTo(VideoCodec.HEVC);
        assertThat(h.compositionTime()).isEqualTo(0x21);
        assertThat(h.isKeyframe()).isTrue();
    }

    @Test
    void shouldGiveOtherLegacyCodecsTheirWholeBody() throws ProtocolException {
        VideoTagHeader h = parse("12 0000840008");

        assertThat(h.codec()).isEqualTo(VideoCodec.SORENSON_H263);
        assertThat(h.packetType()).isEqualTo(VideoPacketType.CODED_FRAMES);
        assertThat(h.tracks().get(0).data()).isEqualTo(bytes("0000840008"));
        assertThat(h.tracks().get(0).decoderConfiguration()).isNull();
    }

    @Test
    void shouldReadLegacyAndEnhancedCommandFrames() throws ProtocolException {
        VideoTagHeader legacy = parse("57 01");
        VideoTagHeader enhanced = parse("d1 00"); // no FourCC follows a command

        assertThat(legacy.videoCommand()).isEqualTo(1);
        assertThat(legacy.tracks()).isEmpty();
        assertThat(enhanced.exHeader()).isTrue();
        assertThat(enhanced.frameType()).isEqualTo(VideoTagHeader.FRAME_TYPE_COMMAND);
        assertThat(enhanced.videoCommand()).isZero();
        assertThat(enhanced.tracks()).isEmpty();
    }

    static Stream<Arguments> enhancedSingleTrack() {
        return Stream.of(
                // frame+packet byte, FourCC, expected codec, packet type, composition time, data
                Arguments.of("90 61766331" + AVC_RECORD, VideoCodec.AVC, VideoPacketType.SEQUENCE_START, 0, AVC_RECORD),
                Arguments.of("91 61766331 000042 00000001 65", VideoCodec.AVC, VideoPacketType.CODED_FRAMES, 0x42,
                        "00000001 65"),
                Arguments.of("a3 68766331 00000001 02", VideoCodec.HEVC, VideoPacketType.CODED_FRAMES_X, 0,
                        "00000001 02"),
                Arguments.of("91 61763031 12000a0b", VideoCodec.AV1, VideoPacketType.CODED_FRAMES, 0, "12000a0b"),
                Arguments.of("91 76703039 8249834200", VideoCodec.VP9, VideoPacketType.CODED_FRAMES, 0, "8249834200"),
                Arguments.of("91 76703038 9d012a", VideoCodec.VP8, VideoPacketType.CODED_FRAMES, 0, "9d012a"),
                Arguments.of("a1 76766331 ffffff 0000000100", VideoCodec.VVC, VideoPacketType.CODED_FRAMES, -1,
                        "0000000100"),
                Arguments.of("92 68766331", VideoCodec.HEVC, VideoPacketType.SEQUENCE_END, 0, ""),
                Arguments.of("95 61763031 80", VideoCodec.AV1, VideoPacketType.MPEG2TS_SEQUENCE_START, 0, "80"),
                // video metadata: the frame type (5 here, as FFmpeg 7.1 sends it) is ignored
                Arguments.of("d4 68766331 02000963 6f6c6f72496e666f", VideoCodec.HEVC, VideoPacketType.METADATA, 0,
                        "02000963 6f6c6f72496e666f"),
                Arguments.of("91 61626364 0102", VideoCodec.UNKNOWN, VideoPacketType.CODED_FRAMES, 0, "0102"));
    }

    @ParameterizedTest
    @MethodSource("enhancedSingleTrack")
    void shouldParseEnhancedSingleTrackTags(String hex, VideoCodec codec, VideoPacketType type, int compositionTime,
            String data) throws ProtocolException {
        VideoTagHeader h = parse(hex);

        assertThat(h.exHeader()).isTrue();
        assertThat(h.codec()).isEqualTo(codec);
        assertThat(h.packetType()).isEqualTo(type);
        assertThat(h.compositionTime()).isEqualTo(compositionTime);
        assertThat(h.tracks()).singleElement().satisfies(t -> {
            assertThat(t.trackId()).isZero();
            assertThat(t.data()).isEqualTo(bytes(data));
        });
        assertThat(h.timestampNanoOffset()).isZero();
    }

    @Test
    void shouldKeepTheFourCcOfAnUnknownCodec() throws ProtocolException {
        assertThat(parse("91 61626364 0102").tracks().get(0).fourCc()).isEqualTo(FourCc.of("abcd"));
    }

    @Test
    void shouldApplyModExTimestampOffsetNano() throws ProtocolException {
        // ModEx: size-1 = 2 (3 bytes) = 500000 ns, then ModExType 0 | PacketType 1 (CodedFrames)
        VideoTagHeader h = parse("97 02 07a120 01 61766331 000021 00000001 65");

        assertThat(h.timestampNanoOffset()).isEqualTo(500_000);
        assertThat(h.packetType()).isEqualTo(VideoPacketType.CODED_FRAMES);
        assertThat(h.isKeyframe()).isTrue();
        assertThat(h.compositionTime()).isEqualTo(0x21);
        assertThat(h.tracks().get(0).data()).isEqualTo(bytes("00000001 65"));
    }

    @Test
    void shouldReadSixteenBitModExSizesAndChainedModEx() throws ProtocolException {
        // first ModEx: UI8 0xff => UI16 follows, 0x0003 + 1 = 4 bytes, unknown type 5, then ModEx again
        // second ModEx: 3 bytes nano offset 999999, type 0, packet type 3 (CodedFramesX)
        VideoTagHeader h = parse("a7 ff 0003 aabbccdd 57 02 0f423f 03 68766331 00000001 02");

        assertThat(h.timestampNanoOffset()).isEqualTo(999_999);
        assertThat(h.packetType()).isEqualTo(VideoPacketType.CODED_FRAMES_X);
        assertThat(h.frameType()).isEqualTo(VideoTagHeader.FRAME_TYPE_INTER);
        assertThat(h.codec()).isEqualTo(VideoCodec.HEVC);
    }

    @Test
    void shouldReadAMultitrackTagWithOneTrack() throws ProtocolException {
        // Multitrack, OneTrack | CodedFrames, avc1, track id 2, composition time, NALUs
        VideoTagHeader h = parse("96 01 61766331 02 000010 00000001 65");

        assertThat(h.multitrackType()).isEqualTo(AvMultitrackType.ONE_TRACK);
        assertThat(h.isKeyframe()).isTrue();
        assertThat(h.tracks()).singleElement().satisfies(t -> {
            assertThat(t.trackId()).isEqualTo(2);
            assertThat(t.codec()).isEqualTo(VideoCodec.AVC);
            assertThat(t.compositionTime()).isEqualTo(16);
            assertThat(t.data()).isEqualTo(bytes("00000001 65"));
        });
    }

    @Test
    void shouldReadAMultitrackTagWithManyTracksOfOneCodec() throws ProtocolException {
        // ManyTracks | CodedFrames, hvc1; each track: id, UI24 size, SI24 composition time, data
        VideoTagHeader h = parse("a6 11 68766331 00 000005 000021 aabb 01 000006 000042 ccddee");

        assertThat(h.multitrackType()).isEqualTo(AvMultitrackType.MANY_TRACKS);
        assertThat(h.isKeyframe()).isFalse();
        assertThat(h.tracks()).extracting(VideoTrack::trackId).containsExactly(0, 1);
        assertThat(h.tracks()).extracting(VideoTrack::compositionTime).containsExactly(0x21, 0x42);
        assertThat(h.tracks()).extracting(VideoTrack::data).containsExactly(bytes("aabb"), bytes("ccddee"));
    }

    @Test
    void shouldReadEachCodecsRecordInAManyCodecsSequenceStart() throws ProtocolException {
        String hevcRecord = HexFormat.of().formatHex(hevcRecordFromCapture());
        int avcSize = AVC_RECORD.replaceAll("\\s", "").length() / 2;
        int hevcSize = hevcRecord.length() / 2;
        // ModEx then Multitrack: ManyTracksManyCodecs | SequenceStart; FourCC, id, size per track
        VideoTagHeader h = parse("97 02 000001 06 20"
                + " 61766331 00 " + String.format("%06x", avcSize) + AVC_RECORD
                + " 68766331 01 " + String.format("%06x", hevcSize) + hevcRecord);

        assertThat(h.timestampNanoOffset()).isEqualTo(1);
        assertThat(h.multitrackType()).isEqualTo(AvMultitrackType.MANY_TRACKS_MANY_CODECS);
        assertThat(h.packetType()).isEqualTo(VideoPacketType.SEQUENCE_START);
        assertThat(h.tracks()).extracting(VideoTrack::codec).containsExactly(VideoCodec.AVC, VideoCodec.HEVC);
        List<VideoTrack> tracks = h.tracks();
        assertThat(tracks.get(0).decoderConfiguration().width()).isEqualTo(1920);
        assertThat(tracks.get(1).decoderConfiguration()).isInstanceOfSatisfying(HevcDecoderConfigurationRecord.class,
                r -> {
                    assertThat(r.width()).isEqualTo(640);
                    assertThat(r.height()).isEqualTo(360);
                    assertThat(r.nalUnits(HevcDecoderConfigurationRecord.NAL_TYPE_VPS)).hasSize(1);
                });
    }

    private static byte[] hevcRecordFromCapture() {
        FlvTag start = CaptureTags.tags(CaptureTags.FFMPEG71_HEVC).stream()
                .filter(FlvTag::isSequenceHeader).filter(FlvTag::isVideo).findFirst().orElseThrow();
        ByteBuffer body = start.payload().position(5); // 0x90 + "hvc1"
        byte[] record = new byte[body.remaining()];
        body.get(record);
        return record;
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "video tag truncated: need=1, left=0"),
                Arguments.of("17", "truncated"),
                Arguments.of("17 0000", "truncated"),
                Arguments.of("07 01000000", "reserved VideoFrameType=0"),
                Arguments.of("81 61766331 000000", "reserved VideoFrameType=0"),
                Arguments.of("17 03000000", "reserved AVCPacketType=3"),
                Arguments.of("98 61766331", "reserved or nested VideoPacketType=8"),
                Arguments.of("96 31 61766331", "reserved AvMultitrackType=3"),
                Arguments.of("96 06 61766331", "reserved or nested VideoPacketType=6"),
                Arguments.of("96 07 61766331", "reserved or nested VideoPacketType=7"),
                Arguments.of("91 6176", "truncated"),
                Arguments.of("91 61766331 00", "too short for its composition time"),
                Arguments.of("96 11 61766331 00 000009 0000", "truncated: need=9, left=2"),
                Arguments.of("97 00 05 01 61766331", "TimestampOffsetNano needs 3 bytes: size=1"),
                Arguments.of("97 05 0102", "truncated"),
                Arguments.of("97", "truncated"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void shouldRejectMalformedBodiesWithAProtocolError(String hex, String message) {
        assertThatThrownBy(() -> VideoTagHeader.parse(video(hex)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
                    assertThat(e.error().detail()).contains(message);
                });
    }

    @Test
    void shouldRefuseToParseAnAudioTagAsVideo() {
        assertThatThrownBy(() -> VideoTagHeader.parse(FlvTag.of(TagType.AUDIO, 0, bytes("af00"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a video tag: type=AUDIO");
    }
}
