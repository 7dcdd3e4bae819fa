package io.github.rtmpflow.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.ProtocolError;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlvReaderTest {
    @TempDir
    static Path dir;
    static byte[] file;
    static Probe probe;

    @BeforeAll
    static void generateWithFfmpeg() throws IOException {
        Path flv = MediaTools.h264AacFlv(dir);
        file = Files.readAllBytes(flv);
        probe = Probe.parse(MediaTools.ffprobe(flv));
    }

    static List<FlvTag> readAll(ReadableByteChannel channel) throws IOException {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = new FlvReader(channel)) {
            for (FlvTag tag = reader.next(); tag != null; tag = reader.next()) {
                tags.add(tag);
            }
        }
        return tags;
    }

    @Test
    void shouldReadEveryTagOfAnFfmpegFileWithItsCodecs() throws Exception {
        List<FlvTag> tags = readAll(TestChannels.whole(file));

        assertThat(tags.get(0).isOnMetaData()).isTrue();
        OnMetaData metadata = OnMetaData.parse(tags.get(0));
        assertThat(metadata.width()).isEqualTo(640);
        assertThat(metadata.height()).isEqualTo(360);
        assertThat(metadata.videoCodec()).isEqualTo(VideoCodec.AVC);
        assertThat(metadata.audioCodec()).isEqualTo(AudioCodec.AAC);

        List<FlvTag> video = tags.stream().filter(FlvTag::isVideo).collect(Collectors.toList());
        List<FlvTag> audio = tags.stream().filter(FlvTag::isAudio).collect(Collectors.toList());
        assertThat(video.get(0).isSequenceHeader()).isTrue();
        assertThat(video.get(video.size() - 1).isSequenceEnd()).isTrue();
        assertThat(audio.get(0).isSequenceHeader()).isTrue();
        assertThat(video.size() - 2).isEqualTo(Integer.parseInt(probe.stream("video").get("nb_read_frames")));
        assertThat(audio.size() - 1).isEqualTo(Integer.parseInt(probe.stream("audio").get("nb_read_frames")));

        AvcDecoderConfigurationRecord avc = (AvcDecoderConfigurationRecord)
                VideoTagHeader.parse(video.get(0)).tracks().get(0).decoderConfiguration();
        assertThat(avc.width()).isEqualTo(Integer.parseInt(probe.stream("video").get("width")));
        assertThat(avc.height()).isEqualTo(Integer.parseInt(probe.stream("video").get("height")));
        // testsrc is RGB, so libx264 encodes 4:4:4: High 4:4:4 Predictive, chroma_format_idc 3
        assertThat(avc.profileIndication()).isEqualTo(244);
        assertThat(probe.stream("video").get("profile")).isEqualTo("High 4:4:4 Predictive");
        assertThat(avc.sps().chromaFormatIdc()).isEqualTo(3);
        assertThat(probe.stream("video").get("pix_fmt")).isEqualTo("yuv444p");
        assertThat(avc.levelIndication()).isEqualTo(Integer.parseInt(probe.stream("video").get("level")));

        AudioSpecificConfig aac = AudioTagHeader.parse(audio.get(0)).tracks().get(0).audioSpecificConfig();
        assertThat(aac.objectType()).isEqualTo(2);
        assertThat(aac.sampleRate()).isEqualTo(Integer.parseInt(probe.stream("audio").get("sample_rate")));
        assertThat(aac.channels()).isEqualTo(Integer.parseInt(probe.stream("audio").get("channels")));
    }

    @Test
    void shouldFindKeyframesEveryThirtyFramesAsEncoded() throws Exception {
        List<FlvTag> frames = readAll(TestChannels.whole(file)).stream()
                .filter(t -> t.isVideo() && !t.isSequenceHeader() && !t.isSequenceEnd())
                .collect(Collectors.toList());
        List<Integer> keyframes = new ArrayList<>();
        for (int i = 0; i < frames.size(); i++) {
            FlvTag frame = frames.get(i);
            assertThat(frame.isKeyframe()).as("frame %d", i).isEqualTo(NalTypes.hasAvcIdr(frame));
            if (frame.isKeyframe()) {
                keyframes.add(i);
            }
        }
        assertThat(keyframes).containsExactly(0, 30);
        assertThat(frames).anyMatch(f -> compositionTime(f) > 0); // -bf 2: reordered frames
    }

    private static int compositionTime(FlvTag tag) {
        try {
            return VideoTagHeader.parse(tag).compositionTime();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldReadTheSameTagsOneByteAtATime() throws IOException {
        assertSameTags(readAll(TestChannels.oneByteAtATime(file)), readAll(TestChannels.whole(file)));
    }

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 8);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldReadTheSameTagsAtRandomSplits(long seed) throws IOException {
        assertSameTags(readAll(TestChannels.randomPieces(file, seed, 3000)), readAll(TestChannels.whole(file)));
    }

    private static void assertSameTags(List<FlvTag> actual, List<FlvTag> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).type()).isEqualTo(expected.get(i).type());
            assertThat(actual.get(i).timestamp()).isEqualTo(expected.get(i).timestamp());
            assertThat(actual.get(i).payload()).isEqualTo(expected.get(i).payload());
        }
    }

    @Test
    void shouldReturnTheHeader() throws IOException {
        try (FlvReader reader = new FlvReader(TestChannels.whole(file))) {
            assertThat(reader.header()).isEqualTo(new FlvHeader(1, true, true, 9));
        }
    }

    @Test
    void shouldUnwrapTimestampsAcrossThe32BitWrapAndUseTheExtendedByte() throws IOException {
        byte[] flv = FlvBytes.header()
                .tag(9, 0x00FF_FFFFL, new byte[] {0x12})
                .tag(9, 0x0100_0000L, new byte[] {0x22})
                .tag(9, 0xFFFF_FFF0L, new byte[] {0x22})
                .tag(9, 0x10, new byte[] {0x22})
                .bytes();

        List<FlvTag> tags = readAll(TestChannels.oneByteAtATime(flv));

        assertThat(tags).extracting(FlvTag::timestamp)
                .containsExactly(0xFF_FFFFL, 0x100_0000L, 0xFFFF_FFF0L, 0x1_0000_0010L);
    }

    @Test
    void shouldSkipHeaderPaddingAndReadEmptyBodies() throws IOException {
        byte[] flv = FlvBytes.header(13).tag(8, 5, new byte[0]).tag(18, 6, new byte[] {5}).bytes();

        List<FlvTag> tags = readAll(TestChannels.oneByteAtATime(flv));

        assertThat(tags).extracting(FlvTag::type).containsExactly(TagType.AUDIO, TagType.SCRIPT);
        assertThat(tags.get(0).size()).isZero();
    }

    static Stream<Object[]> malformed() {
        byte[] body = {0x17, 1, 0, 0, 0};
        byte[] good = FlvBytes.header().tag(9, 0, body).bytes();
        return Stream.of(
                new Object[] {"not FLV", mutate(good, 0, 'X'), "not an FLV file"},
                new Object[] {"version 2", mutate(good, 3, 2), "unsupported FLV version=2"},
                new Object[] {"data offset 8", mutate(good, 8, 8), "bad DataOffset=8"},
                new Object[] {"PreviousTagSize0 not 0", mutate(good, 12, 1),
                    "PreviousTagSize mismatch at offset=9: expected=0, found=1"},
                new Object[] {"PreviousTagSize wrong", FlvBytes.header().tag(9, 0, body, 5).bytes(),
                    "PreviousTagSize mismatch at offset=29: expected=16, found=5"},
                new Object[] {"unknown type", FlvBytes.header().tag(7, 0, body).bytes(), "unknown tag type=7"},
                new Object[] {"encrypted", FlvBytes.header().tag(0x29, 0, body).bytes(), "encrypted tag"},
                new Object[] {"cut in body", Arrays.copyOf(good, 26), "file ends inside the tag body (2 of 5 bytes)"},
                new Object[] {"cut in tag header", Arrays.copyOf(good, 16), "file ends inside the tag header"},
                new Object[] {"cut before PreviousTagSize", Arrays.copyOf(good, 29), "file ends inside the PreviousTagSize"},
                new Object[] {"cut in file header", Arrays.copyOf(good, 5), "file ends inside the file header"});
    }

    private static byte[] mutate(byte[] bytes, int index, int value) {
        byte[] copy = bytes.clone();
        copy[index] = (byte) value;
        return copy;
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformed")
    void shouldReportMalformedFilesClearly(String name, byte[] flv, String message) throws IOException {
        for (ReadableByteChannel channel : List.of(TestChannels.whole(flv), TestChannels.oneByteAtATime(flv))) {
            FlvReader reader = new FlvReader(channel);
            assertThatThrownBy(() -> readToEnd(reader))
                    .isInstanceOf(FlvFormatException.class)
                    .hasMessageContaining(message)
                    .hasMessageContaining("file offset");
            // sticky: the reader keeps failing the same way
            assertThatThrownBy(reader::next).isInstanceOf(FlvFormatException.class).hasMessageContaining(message);
        }
    }

    private static void readToEnd(FlvReader reader) throws IOException {
        while (reader.next() != null) {
            // drain
        }
    }

    @Test
    void shouldRefuseTagsAboveTheBound() throws IOException {
        byte[] flv = FlvBytes.header().tag(9, 0, new byte[2000]).bytes();
        FlvReader reader = new FlvReader(TestChannels.whole(flv), 1000);

        assertThatThrownBy(reader::next).isInstanceOfSatisfying(FlvFormatException.class, e -> {
            assertThat(e.error().code()).isEqualTo(ProtocolError.Code.MESSAGE_TOO_LONG);
            assertThat(e.error().detail()).isEqualTo("tag too large: size=2000, maxTagSize=1000");
            assertThat(e.offset()).isEqualTo(24);
        });
    }

    @ParameterizedTest
    @ValueSource(ints = {13, 33})
    void shouldEndCleanlyAtATagBoundary(int length) throws IOException {
        byte[] flv = Arrays.copyOf(FlvBytes.header().tag(9, 0, new byte[] {0x17, 1, 0, 0, 0}).bytes(), length);

        assertThat(readAll(TestChannels.oneByteAtATime(flv))).hasSize(length == 13 ? 0 : 1);
    }

    @Test
    void shouldPauseTheDecoderAfterEachTagWhenAsked() {
        byte[] flv = FlvBytes.header().tag(8, 0, new byte[] {1}).tag(8, 1, new byte[] {2}).bytes();
        List<FlvTag> tags = new ArrayList<>();
        FlvDecoder decoder = new FlvDecoder(100, tag -> tags.add(tag) && false);
        ByteBuffer in = ByteBuffer.wrap(flv);

        assertThat(decoder.feed(in)).isTrue();
        assertThat(tags).hasSize(1);
        assertThat(in.position()).isEqualTo(13 + 16);
        decoder.feed(in);
        assertThat(tags).hasSize(2);
        assertThat(decoder.atTagBoundary()).isTrue();
        assertThat(Map.of("offset", decoder.offset())).containsEntry("offset", (long) flv.length);
    }
}
