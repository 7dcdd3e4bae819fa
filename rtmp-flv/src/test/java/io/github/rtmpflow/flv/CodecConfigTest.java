package io.github.rtmpflow.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parameter sets and configuration records from real encoders (libx264, libx265, libaom,
 * SVT-AV1 through FFmpeg 5.1), each checked against what ffprobe reports for the same stream.
 */
class CodecConfigTest {

    private static ByteBuffer hex(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replaceAll("\\s", "")));
    }

    static Stream<Arguments> avcSps() {
        return Stream.of(
                // ffprobe: High, level 40, 1920x1080 (1088 coded, cropped by 8)
                Arguments.of("67640028acd940780227e5c044000003000400000300c83c60c658", 100, 40, 1, 8, true, 1920, 1080),
                // High 4:2:2, 10-bit, level 31
                Arguments.of("677a001fb6cd9405005bb011000003000100000300320f183196", 122, 31, 2, 10, true, 1280, 720),
                // High 4:4:4 Predictive, odd size: crop units of 1
                Arguments.of("67f4001e919b281485fc211180880000030008000003019078b16cb0", 244, 30, 3, 8, true, 641, 361),
                // interlaced (frame_mbs_only_flag 0): map units are field pairs, crop unit 4 lines
                Arguments.of("67640028acd94078044fde0220000003002000000643e2c5b2c0", 100, 40, 1, 8, false, 1920, 1080),
                // Constrained Baseline: no chroma fields
                Arguments.of("6742c00dd90141fb011000000300100000030320f142a480", 66, 13, 1, 8, true, 320, 240),
                // the 640x360 High SPS of libx264 with a seq_scaling_matrix added by hand (explicit
                // 4x4 list, a "use default" list, an 8x8 list ended early); ffprobe reads 640x360
                Arguments.of("6764001ead94747610e231515088486318c6318c6025b650280bfe5c0440000003004000000c83c58b6580",
                        100, 30, 1, 8, true, 640, 360));
    }

    @ParameterizedTest
    @MethodSource("avcSps")
    void shouldParseH264SpsOfRealEncoders(String sps, int profile, int level, int chroma, int bitDepth,
            boolean frameMbsOnly, int width, int height) throws ProtocolException {
        AvcSps parsed = AvcSps.parse(hex(sps));

        assertThat(parsed.profileIdc()).isEqualTo(profile);
        assertThat(parsed.levelIdc()).isEqualTo(level);
        assertThat(parsed.chromaFormatIdc()).isEqualTo(chroma);
        assertThat(parsed.bitDepthLuma()).isEqualTo(bitDepth);
        assertThat(parsed.bitDepthChroma()).isEqualTo(bitDepth);
        assertThat(parsed.frameMbsOnly()).isEqualTo(frameMbsOnly);
        assertThat(parsed.width()).isEqualTo(width);
        assertThat(parsed.height()).isEqualTo(height);
    }

    static Stream<Arguments> hevcSps() {
        return Stream.of(
                // ffprobe: Main, level 120, 1920x1080
                Arguments.of("420101016000000300900000030000030078a003c08010e596566924caf0168080000003008000000c84",
                        1, 120, 1, 8, 1920, 1080),
                // Rext 4:2:2 10-bit, 1366x766: conformance window in units of SubWidthC 2, SubHeightC 1
                Arguments.of("4201010408000003009d08000003000078b002ac80301d5b65959a4932bc05a02000000300200000030321",
                        4, 120, 2, 10, 1366, 766),
                // Main, level 93 (3.1), 1280x720
                Arguments.of("42010101600000030090000003000003005da00280802d16592a4932bc05a02000000300200000030321",
                        1, 93, 1, 8, 1280, 720));
    }

    @ParameterizedTest
    @MethodSource("hevcSps")
    void shouldParseH265SpsOfRealEncoders(String sps, int profile, int level, int chroma, int bitDepth, int width,
            int height) throws ProtocolException {
        HevcSps parsed = HevcSps.parse(hex(sps));

        assertThat(parsed.profileIdc()).isEqualTo(profile);
        assertThat(parsed.levelIdc()).isEqualTo(level);
        assertThat(parsed.chromaFormatIdc()).isEqualTo(chroma);
        assertThat(parsed.bitDepthLuma()).isEqualTo(bitDepth);
        assertThat(parsed.width()).isEqualTo(width);
        assertThat(parsed.height()).isEqualTo(height);
    }

    static Stream<Arguments> av1SequenceHeaders() {
        return Stream.of(
                // libaom, ffprobe: Main, level 5 (3.1), 1280x720
                Arguments.of("12000a0b0000002d4cffb3ccaf9004", 0, 5, 1280, 720),
                // SVT-AV1 10-bit, level 1 (2.1), 642x362
                Arguments.of("12000a0b0000000cc503693efe5010", 0, 1, 642, 362));
    }

    @ParameterizedTest
    @MethodSource("av1SequenceHeaders")
    void shouldFindTheAv1SequenceHeaderAfterATemporalDelimiter(String obus, int profile, int level, int width,
            int height) throws ProtocolException {
        Av1SequenceHeader header = Av1SequenceHeader.find(hex(obus));

        assertThat(header.seqProfile()).isEqualTo(profile);
        assertThat(header.seqLevelIdx0()).isEqualTo(level);
        assertThat(header.maxFrameWidth()).isEqualTo(width);
        assertThat(header.maxFrameHeight()).isEqualTo(height);
    }

    @Test
    void shouldParseAnAv1CodecConfigurationRecordWithConfigObus() throws ProtocolException {
        // marker/version, profile 0 level 5, tier 0 8-bit 4:2:0 (subsampling x and y), no delay
        Av1CodecConfigurationRecord record = Av1CodecConfigurationRecord.parse(
                hex("81 05 0c 00 0a0b0000002d4cffb3ccaf9004"));

        assertThat(record.seqProfile()).isZero();
        assertThat(record.seqLevelIdx0()).isEqualTo(5);
        assertThat(record.bitDepth()).isEqualTo(8);
        assertThat(record.chromaSubsamplingX()).isEqualTo(1);
        assertThat(record.chromaSubsamplingY()).isEqualTo(1);
        assertThat(record.initialPresentationDelay()).isZero();
        assertThat(record.configObus().remaining()).isEqualTo(13);
        assertThat(record.width()).isEqualTo(1280);
        assertThat(record.height()).isEqualTo(720);
    }

    @Test
    void shouldParseAnAv1RecordWithoutConfigObus() throws ProtocolException {
        Av1CodecConfigurationRecord record = Av1CodecConfigurationRecord.parse(hex("81 4d 70 12"));

        assertThat(record.seqProfile()).isEqualTo(2);
        assertThat(record.seqLevelIdx0()).isEqualTo(13);
        assertThat(record.bitDepth()).isEqualTo(12);
        assertThat(record.initialPresentationDelay()).isEqualTo(3);
        assertThat(record.sequenceHeader()).isNull();
        assertThat(record.width()).isZero();
    }

    @Test
    void shouldParseAnAvcDecoderConfigurationRecord() throws ProtocolException {
        AvcDecoderConfigurationRecord record = AvcDecoderConfigurationRecord.parse(hex(
                "01 640028 ff e1 001b 67640028acd940780227e5c044000003000400000300c83c60c658 01 0006 68ebe3cb22c0"));

        assertThat(record.profileIndication()).isEqualTo(100);
        assertThat(record.levelIndication()).isEqualTo(40);
        assertThat(record.nalUnitLengthSize()).isEqualTo(4);
        assertThat(record.sequenceParameterSets()).hasSize(1);
        assertThat(record.pictureParameterSets()).containsExactly(hex("68ebe3cb22c0"));
        assertThat(record.width()).isEqualTo(1920);
        assertThat(record.height()).isEqualTo(1080);
        assertThat(record.codecString()).isEqualTo("avc1.640028");
    }

    static Stream<Arguments> audioSpecificConfigs() {
        return Stream.of(
                Arguments.of("1210", 2, 44100, 2, 2, 0), // AAC LC stereo
                Arguments.of("1188", 2, 48000, 1, 1, 0), // FFmpeg's mono 48 kHz
                Arguments.of("11b8", 2, 48000, 7, 8, 0), // 7.1
                Arguments.of("2b1188", 5, 24000, 2, 2, 48000), // HE-AAC, explicit SBR
                Arguments.of("e98988", 29, 48000, 1, 1, 48000), // HE-AACv2 (PS)
                Arguments.of("f94640", 42, 48000, 2, 2, 0), // escaped object type (USAC)
                Arguments.of("17803e8008", 2, 32000, 1, 1, 0)); // explicit 24-bit frequency
    }

    @ParameterizedTest
    @MethodSource("audioSpecificConfigs")
    void shouldParseAudioSpecificConfigs(String asc, int objectType, int rate, int configuration, int channels,
            int extensionRate) throws ProtocolException {
        AudioSpecificConfig config = AudioSpecificConfig.parse(hex(asc));

        assertThat(config.objectType()).isEqualTo(objectType);
        assertThat(config.sampleRate()).isEqualTo(rate);
        assertThat(config.channelConfiguration()).isEqualTo(configuration);
        assertThat(config.channels()).isEqualTo(channels);
        assertThat(config.extensionSampleRate()).isEqualTo(extensionRate);
    }

    static Stream<Arguments> malformedConfigs() {
        return Stream.of(
                Arguments.of("AudioSpecificConfig", "1688", "reserved samplingFrequencyIndex=13"),
                Arguments.of("AudioSpecificConfig", "12", "bitstream truncated"),
                Arguments.of("AVC record", "02640028ffe1", "unsupported configurationVersion=2"),
                Arguments.of("AVC record", "01640028ffe1001b6764", "truncated: need=27, left=2"),
                Arguments.of("AVC record", "01640028ffe000", "no SPS"),
                Arguments.of("AVC record", "01640028fee1000268ee00", "lengthSizeMinusOne=2"),
                Arguments.of("AVC record", "01640028ffe1000268ee00", "not an H.264 SPS"),
                Arguments.of("AVC record", "01640028ffe100036764ff00", "bitstream truncated"),
                Arguments.of("HEVC record", "01016000000090000000000078f000fcfdf8f800000f00", "no SPS"),
                Arguments.of("HEVC record", "0101", "truncated"),
                Arguments.of("AV1 record", "8000", "marker and version must be 1"),
                Arguments.of("AV1 record", "810000000a0100", "bitstream truncated"),
                Arguments.of("AV1 record", "810000000a7f", "OBU larger than its container"),
                Arguments.of("AV1 record", "8100000080", "obu_forbidden_bit set"),
                Arguments.of("H.264 SPS", "6764001e000000000000", "exp-Golomb code too long"),
                Arguments.of("H.265 SPS", "4201", "bitstream truncated"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("malformedConfigs")
    void shouldRejectMalformedConfigurationsWithAProtocolError(String kind, String bytes, String message) {
        assertThatThrownBy(() -> parse(kind, hex(bytes)))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.error().code()).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
                    assertThat(e.error().detail()).contains(message);
                });
    }

    private static Object parse(String kind, ByteBuffer bytes) throws ProtocolException {
        switch (kind) {
            case "AudioSpecificConfig":
                return AudioSpecificConfig.parse(bytes);
            case "AVC record":
                return AvcDecoderConfigurationRecord.parse(bytes);
            case "HEVC record":
                return HevcDecoderConfigurationRecord.parse(bytes);
            case "AV1 record":
                return Av1CodecConfigurationRecord.parse(bytes);
            case "H.264 SPS":
                return AvcSps.parse(bytes);
            default:
                return HevcSps.parse(bytes);
        }
    }

    @Test
    void shouldRemoveEmulationPreventionBytes() {
        assertThat(NalUnits.unescape(hex("0000030100000300000003")))
                .isEqualTo(HexFormat.of().parseHex("0000010000000000"));
    }
}
