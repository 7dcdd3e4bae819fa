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

/** Audio tag bodies written by hand from the legacy FLV and Enhanced RTMP v2 layouts. */
class AudioTagHeaderTest {
    /** RFC 7845 5.1 ID header: "OpusHead", version 1, 2 channels, pre-skip 312, 48000 Hz, gain 0, family 0. */
    private static final String OPUS_HEAD = "4f707573486561640102380180bb00000000 00";
    /** "fLaC", then a last-block STREAMINFO header (type 0, length 34) and 34 bytes of STREAMINFO. */
    private static final String FLAC_HEADER = "664c6143 80000022"
            + "10001000000e0000100ac44f0000000000000000000000000000000000000000";

    static FlvTag audio(String hex) {
        return FlvTag.of(TagType.AUDIO, 0, bytes(hex));
    }

    static ByteBuffer bytes(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replaceAll("\\s", "")));
    }

    private static AudioTagHeader parse(String hex) throws ProtocolException {
        FlvTag tag = audio(hex);
        AudioTagHeader header = AudioTagHeader.parse(tag);
        assertThat(tag.isSequenceHeader()).as("isSequenceHeader")
                .isEqualTo(header.packetType() == AudioPacketType.SEQUENCE_START);
        assertThat(tag.isSequenceEnd()).as("isSequenceEnd")
                .isEqualTo(header.packetType() == AudioPacketType.SEQUENCE_END);
        assertThat(tag.isKeyframe()).isFalse();
        return header;
    }

    @Test
    void shouldParseALegacyAacSequenceHeader() throws ProtocolException {
        AudioTagHeader h = parse("af 00 1210");

        assertThat(h.exHeader()).isFalse();
        assertThat(h.codec()).isEqualTo(AudioCodec.AAC);
        assertThat(h.packetType()).isEqualTo(AudioPacketType.SEQUENCE_START);
        assertThat(h.legacySampleRate()).isEqualTo(44100);
        assertThat(h.legacyBitsPerSample()).isEqualTo(16);
        assertThat(h.legacyChannels()).isEqualTo(2);
        AudioSpecificConfig asc = h.tracks().get(0).audioSpecificConfig();
        assertThat(asc.sampleRate()).isEqualTo(44100);
        assertThat(asc.channels()).isEqualTo(2);
        assertThat(asc.codecString()).isEqualTo("mp4a.40.2");
    }

    @Test
    void shouldParseLegacyMp3AndOtherFormats() throws ProtocolException {
        AudioTagHeader mp3 = parse("2f fffb9064");
        AudioTagHeader pcm = parse("30 0102"); // linear PCM LE, 5.5 kHz, 8-bit, mono
        AudioTagHeader speex = parse("b6 aa");

        assertThat(mp3.codec()).isEqualTo(AudioCodec.MP3);
        assertThat(mp3.packetType()).isEqualTo(AudioPacketType.CODED_FRAMES);
        assertThat(mp3.tracks().get(0).data()).isEqualTo(bytes("fffb9064"));
        assertThat(pcm.codec()).isEqualTo(AudioCodec.LPCM_LITTLE_ENDIAN);
        assertThat(pcm.legacySampleRate()).isEqualTo(5512);
        assertThat(pcm.legacyBitsPerSample()).isEqualTo(8);
        assertThat(pcm.legacyChannels()).isEqualTo(1);
        assertThat(speex.codec()).isEqualTo(AudioCodec.SPEEX);
        assertThat(speex.legacySampleRate()).isEqualTo(11025);
    }

    static Stream<Arguments> enhanced() {
        return Stream.of(
                Arguments.of("90 4f707573" + OPUS_HEAD, AudioCodec.OPUS, AudioPacketType.SEQUENCE_START, OPUS_HEAD),
                Arguments.of("91 4f707573 fc ff fe", AudioCodec.OPUS, AudioPacketType.CODED_FRAMES, "fcfffe"),
                Arguments.of("90 664c6143" + FLAC_HEADER, AudioCodec.FLAC, AudioPacketType.SEQUENCE_START, FLAC_HEADER),
                Arguments.of("91 664c6143 fff8c908", AudioCodec.FLAC, AudioPacketType.CODED_FRAMES, "fff8c908"),
                Arguments.of("91 61632d33 0b77aabb", AudioCodec.AC3, AudioPacketType.CODED_FRAMES, "0b77aabb"),
                Arguments.of("91 65632d33 0b770400", AudioCodec.EAC3, AudioPacketType.CODED_FRAMES, "0b770400"),
                Arguments.of("90 6d703461 1190", AudioCodec.AAC, AudioPacketType.SEQUENCE_START, "1190"),
                Arguments.of("91 2e6d7033 fffb9064", AudioCodec.MP3, AudioPacketType.CODED_FRAMES, "fffb9064"),
                Arguments.of("92 4f707573", AudioCodec.OPUS, AudioPacketType.SEQUENCE_END, ""),
                Arguments.of("91 77786f7a 01", AudioCodec.UNKNOWN, AudioPacketType.CODED_FRAMES, "01"));
    }

    @ParameterizedTest
    @MethodSource("enhanced")
    void shouldParseEnhancedAudio(String hex, AudioCodec codec, AudioPacketType type, String data)
            throws ProtocolException {
        AudioTagHeader h = parse(hex);

        assertThat(h.exHeader()).isTrue();
        assertThat(h.soundFormat()).isEqualTo(9);
        assertThat(h.codec()).isEqualTo(codec);
        assertThat(h.packetType()).isEqualTo(type);
        assertThat(h.tracks()).singleElement().satisfies(t -> assertThat(t.data()).isEqualTo(bytes(data)));
        assertThat(h.legacySampleRate()).isZero();
    }

    @Test
    void shouldParseTheAacConfigOfAnEnhancedSequenceStart() throws ProtocolException {
        AudioSpecificConfig asc = parse("90 6d703461 1190").tracks().get(0).audioSpecificConfig();

        assertThat(asc.sampleRate()).isEqualTo(48000);
        assertThat(asc.channels()).isEqualTo(2);
        assertThatThrownBy(() -> parse("90 4f707573" + OPUS_HEAD).tracks().get(0).audioSpecificConfig())
                .isInstanceOf(IllegalStateException.class);
    }

    static Stream<Arguments> multichannel() {
        return Stream.of(
                // native order, 6 channels, FL FR FC LFE1 BL BR
                Arguments.of("94 4f707573 01 06 0000003f", 1, 6, "", 0x3F),
                // custom order: channel 0 = FrontRight (1), channel 1 = FrontLeft (0)
                Arguments.of("94 4f707573 02 02 0100", 2, 2, "0100", 0),
                Arguments.of("94 4f707573 00 02", 0, 2, "", 0));
    }

    @ParameterizedTest
    @MethodSource("multichannel")
    void shouldParseMultichannelConfigs(String hex, int order, int count, String mapping, int flags)
            throws ProtocolException {
        AudioTagHeader h = parse(hex);
        AudioMultichannelConfig config = h.tracks().get(0).multichannelConfig();

        assertThat(h.packetType()).isEqualTo(AudioPacketType.MULTICHANNEL_CONFIG);
        assertThat(config.channelOrder()).isEqualTo(order);
        assertThat(config.channelCount()).isEqualTo(count);
        assertThat(config.channelMapping()).isEqualTo(bytes(mapping));
        assertThat(config.channelFlags()).isEqualTo(flags);
    }

    @Test
    void shouldReadManyTracksOfManyCodecs() throws ProtocolException {
        // Multitrack: ManyTracksManyCodecs | CodedFrames; per track FourCC, id, UI24 size, data
        AudioTagHeader h = parse("95 21 4f707573 00 000002 fcff 6d703461 01 000003 211234");

        assertThat(h.multitrackType()).isEqualTo(AvMultitrackType.MANY_TRACKS_MANY_CODECS);
        assertThat(h.packetType()).isEqualTo(AudioPacketType.CODED_FRAMES);
        assertThat(h.tracks()).extracting(AudioTrack::codec).containsExactly(AudioCodec.OPUS, AudioCodec.AAC);
        assertThat(h.tracks()).extracting(AudioTrack::trackId).containsExactly(0, 1);
        assertThat(h.tracks()).extracting(AudioTrack::data).containsExactly(bytes("fcff"), bytes("211234"));
    }

    @Test
    void shouldReadOneTrackAndManyTracksBehindModEx() throws ProtocolException {
        AudioTagHeader one = parse("95 00 6d703461 03 1190");
        // ModEx nano offset 256 ns, then Multitrack ManyTracks | SequenceStart, fLaC
        AudioTagHeader many = parse("97 02 000100 05 10 664c6143 00 000001 aa 01 000001 bb");

        assertThat(one.multitrackType()).isEqualTo(AvMultitrackType.ONE_TRACK);
        assertThat(one.tracks()).singleElement().satisfies(t -> {
            assertThat(t.trackId()).isEqualTo(3);
            assertThat(t.codec()).isEqualTo(AudioCodec.AAC);
        });
        assertThat(one.packetType()).isEqualTo(AudioPacketType.SEQUENCE_START);
        assertThat(many.timestampNanoOffset()).isEqualTo(256);
        assertThat(many.multitrackType()).isEqualTo(AvMultitrackType.MANY_TRACKS);
        assertThat(many.packetType()).isEqualTo(AudioPacketType.SEQUENCE_START);
        assertThat(many.tracks()).extracting(AudioTrack::codec).containsOnly(AudioCodec.FLAC);
        assertThat(many.tracks()).hasSize(2);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("", "audio tag truncated: need=1, left=0"), // the silence message
                Arguments.of("af", "truncated"),
                Arguments.of("af 02", "reserved AACPacketType=2"),
                Arguments.of("93 4f707573", "reserved or nested AudioPacketType=3"),
                Arguments.of("96 4f707573", "reserved or nested AudioPacketType=6"),
                Arguments.of("95 05 4f707573", "reserved or nested AudioPacketType=5"),
                Arguments.of("95 31 4f707573", "reserved AvMultitrackType=3"),
                Arguments.of("91 4f70", "truncated"),
                Arguments.of("95 11 4f707573 00 000005 aa", "truncated: need=5, left=1"),
                Arguments.of("97 01 0000 01", "TimestampOffsetNano needs 3 bytes: size=2"),
                Arguments.of("94 4f707573 03 02", "reserved AudioChannelOrder=3"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void shouldRejectMalformedBodiesWithAProtocolError(String hex, String message) {
        assertThatThrownBy(() -> {
            AudioTagHeader h = AudioTagHeader.parse(audio(hex));
            h.tracks().get(0).multichannelConfig();
        }).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.error().code()).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
            assertThat(e.error().detail()).contains(message);
        });
    }
}
