package io.github.rtmpflow.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.github.rtmpflow.core.amf.Amf0Writer;
import io.github.rtmpflow.core.amf.AmfEcmaArray;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlvWriterTest {
    @TempDir
    static Path shared;
    @TempDir
    Path dir;
    static Path original;
    static List<FlvTag> originalTags;

    @BeforeAll
    static void generateWithFfmpeg() throws IOException {
        original = MediaTools.h264AacFlv(shared);
        originalTags = FlvReaderTest.readAll(FileChannel.open(original));
    }

    static Path writeFile(Path file, List<FlvTag> tags) throws IOException {
        try (FlvWriter writer = new FlvWriter(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE))) {
            for (FlvTag tag : tags) {
                writer.write(tag);
            }
        }
        return file;
    }

    @Test
    void shouldWriteFilesThatFfprobeReadsWithTheSameCodecsFramesAndDuration() throws IOException {
        Path copy = writeFile(dir.resolve("copy.flv"), originalTags);

        Probe expected = Probe.parse(MediaTools.ffprobe(original));
        Probe actual = Probe.parse(MediaTools.ffprobe(copy));
        for (String type : List.of("video", "audio")) {
            assertThat(actual.stream(type).get("codec_name")).isEqualTo(expected.stream(type).get("codec_name"));
            assertThat(actual.stream(type).get("nb_read_frames"))
                    .isEqualTo(expected.stream(type).get("nb_read_frames"));
        }
        assertThat(actual.stream("video").get("codec_name")).isEqualTo("h264");
        assertThat(actual.stream("audio").get("codec_name")).isEqualTo("aac");
        assertThat(actual.stream("video").get("width")).isEqualTo("640");
        assertThat(actual.stream("video").get("height")).isEqualTo("360");
        assertThat(actual.duration()).isCloseTo(expected.duration(), within(0.05));
        assertThat(actual.format().get("size")).isEqualTo(String.valueOf(Files.size(copy)));
    }

    @Test
    void shouldKeepEveryTagAndPatchDurationAndFilesizeIntoThePublishersMetadata() throws Exception {
        Path copy = writeFile(dir.resolve("copy.flv"), originalTags);

        List<FlvTag> reread = FlvReaderTest.readAll(FileChannel.open(copy));
        assertThat(reread).hasSameSizeAs(originalTags);
        for (int i = 1; i < reread.size(); i++) {
            assertThat(reread.get(i).type()).isEqualTo(originalTags.get(i).type());
            assertThat(reread.get(i).timestamp()).isEqualTo(originalTags.get(i).timestamp());
            assertThat(reread.get(i).payload()).as("tag %d", i).isEqualTo(originalTags.get(i).payload());
        }
        OnMetaData metadata = OnMetaData.parse(reread.get(0));
        OnMetaData publisher = OnMetaData.parse(originalTags.get(0));
        assertThat(metadata.fileSize()).isEqualTo(Files.size(copy));
        // ffmpeg's own file says where the last frame ends; we estimate it from the timestamps
        assertThat(metadata.duration()).isCloseTo(publisher.duration(), within(0.03));
        assertThat(metadata.width()).isEqualTo(640);
        assertThat(metadata.encoder()).isEqualTo(publisher.encoder());
        assertThat(metadata.properties().keySet())
                .containsAll(publisher.properties().keySet())
                .endsWith("duration", "filesize");
    }

    @Test
    void shouldRebaseTheFirstMediaTagToZeroAndWriteCachedConfigurationAtZero() throws Exception {
        List<FlvTag> live = List.of(
                tag(TagType.VIDEO, 100, "1700000000"), // sequence header from a join cache
                tag(TagType.AUDIO, 100, "af001210"),
                tag(TagType.VIDEO, 50_000, "1701000000"), // first keyframe of the recording
                tag(TagType.AUDIO, 50_010, "af01aa"),
                tag(TagType.AUDIO, 49_990, "af01bb"), // earlier than the base: clamped
                tag(TagType.VIDEO, 50_033, "2701000000"));

        List<FlvTag> reread = FlvReaderTest.readAll(FileChannel.open(writeFile(dir.resolve("live.flv"), live)));

        assertThat(reread.get(0).isOnMetaData()).isTrue();
        assertThat(reread.subList(1, reread.size())).extracting(FlvTag::timestamp)
                .containsExactly(0L, 0L, 0L, 10L, 0L, 33L);
        assertThat(OnMetaData.parse(reread.get(0)).duration()).isEqualTo(0.066);
    }

    @Test
    void shouldWriteTheUpperTimestampByteInTheExtendedField() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FlvWriter writer = new FlvWriter(Channels.newChannel(out))) {
            writer.write(tag(TagType.AUDIO, 1000, "2f"));
            writer.write(tag(TagType.AUDIO, 1000 + 0x0123_4567L, "2f"));
        }
        byte[] bytes = out.toByteArray();
        int lastTag = bytes.length - 4 - 1 - 11;

        assertThat(HexFormat.of().formatHex(bytes, lastTag, lastTag + 11)).isEqualTo("08000001234567" + "01000000");
    }

    @Test
    void shouldKeepPlaceholdersOnAChannelThatCannotSeek() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (FlvWriter writer = new FlvWriter(Channels.newChannel(out))) {
            for (FlvTag tag : originalTags) {
                writer.write(tag);
            }
        }

        List<FlvTag> reread = FlvReaderTest.readAll(TestChannels.whole(out.toByteArray()));
        assertThat(reread).hasSameSizeAs(originalTags);
        assertThat(OnMetaData.parse(reread.get(0)).duration()).isZero();
        assertThat(OnMetaData.parse(reread.get(0)).fileSize()).isZero();
    }

    @Test
    void shouldWriteScriptTagsWithoutSetDataFrameAndMetadataFirst() throws Exception {
        Map<String, AmfValue> map = new LinkedHashMap<>();
        map.put("width", new AmfNumber(320));
        map.put("fileSize", new AmfNumber(0)); // OBS spelling: replaced, not duplicated
        byte[] dataMessage = Amf0Writer.encode(new AmfString("@setDataFrame"), new AmfString("onMetaData"),
                new AmfEcmaArray(map));
        byte[] cuePoint = Amf0Writer.encode(new AmfString("@setDataFrame"), new AmfString("onCuePoint"),
                new AmfNumber(1));
        List<FlvTag> tags = List.of(
                FlvTag.of(TagType.SCRIPT, 0, ByteBuffer.wrap(dataMessage)),
                tag(TagType.AUDIO, 0, "2f"),
                FlvTag.of(TagType.SCRIPT, 10, ByteBuffer.wrap(cuePoint)));

        List<FlvTag> reread = FlvReaderTest.readAll(FileChannel.open(writeFile(dir.resolve("s.flv"), tags)));

        assertThat(reread).hasSize(3);
        OnMetaData metadata = OnMetaData.parse(reread.get(0));
        assertThat(metadata.properties().keySet()).containsExactly("width", "duration", "filesize");
        assertThat(ScriptData.startsWithSetDataFrame(reread.get(0).payload())).isFalse();
        assertThat(reread.get(2).payload())
                .isEqualTo(ByteBuffer.wrap(Amf0Writer.encode(new AmfString("onCuePoint"), new AmfNumber(1))));
    }

    @Test
    void shouldPatchTheHeaderFlagsToTheTracksWritten() throws IOException {
        Path file = writeFile(dir.resolve("a.flv"), List.of(tag(TagType.AUDIO, 0, "2f")));

        try (FlvReader reader = new FlvReader(FileChannel.open(file))) {
            assertThat(reader.header()).isEqualTo(new FlvHeader(1, true, false, 9));
        }
    }

    @Test
    void shouldWriteAValidFileWhenNoTagCame() throws IOException {
        Path file = writeFile(dir.resolve("empty.flv"), List.of());

        List<FlvTag> reread = FlvReaderTest.readAll(FileChannel.open(file));
        assertThat(reread).hasSize(1);
        assertThat(reread.get(0).isOnMetaData()).isTrue();
    }

    @Test
    void shouldKeepOnlyCompleteTagsAfterAnIoErrorAndRefuseMore() throws Exception {
        Path file = dir.resolve("full.flv");
        FailingChannel channel = new FailingChannel(FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, StandardOpenOption.READ), 20_000);
        FlvWriter writer = new FlvWriter(channel);
        List<FlvTag> written = originalTags.stream().skip(1).collect(Collectors.toList());
        int accepted = 0;
        IOException failure = null;
        for (FlvTag tag : written) {
            try {
                writer.write(tag);
                accepted++;
            } catch (IOException e) {
                failure = e;
                break;
            }
        }
        assertThat(failure).hasMessage("No space left on device");
        assertThat(channel.size()).isGreaterThan(writer.committedSize()); // part of a tag got out
        assertThatThrownBy(() -> writer.write(written.get(0))).hasMessageContaining("failed earlier");

        writer.close();

        assertThat(Files.size(file)).isEqualTo(writer.committedSize());
        List<FlvTag> reread = FlvReaderTest.readAll(FileChannel.open(file));
        assertThat(reread).hasSize(accepted + 1);
        assertThat(OnMetaData.parse(reread.get(0)).fileSize()).isEqualTo(Files.size(file));
    }

    static FlvTag tag(TagType type, long timestamp, String hex) {
        return FlvTag.of(type, timestamp, ByteBuffer.wrap(HexFormat.of().parseHex(hex)));
    }
}
