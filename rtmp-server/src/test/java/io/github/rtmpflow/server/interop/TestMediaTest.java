package io.github.rtmpflow.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.FlvTag;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness itself: the generated sources are what the interoperability tests claim to send,
 * and rtmpflow's FLV reader agrees with FFmpeg's about them.
 */
class TestMediaTest {

    @Test
    void shouldMakeH264WithBFramesAndAac() {
        List<FlvTag> tags = MediaTags.read(TestMedia.h264Aac());

        assertThat(tags).anyMatch(t -> t.isVideo() && t.isSequenceHeader());
        assertThat(tags).anyMatch(t -> t.isAudio() && t.isSequenceHeader());
        assertThat(tags).filteredOn(FlvTag::isKeyframe).hasSizeGreaterThanOrEqualTo(4);
        // B-frames: some AVC NALU tags carry a non-zero composition time offset.
        assertThat(tags).anyMatch(t -> t.isVideo() && !t.isSequenceHeader() && compositionTime(t) != 0);
        assertThat(audioFormats(tags)).containsOnly(10);
    }

    @Test
    void shouldMakeH264WithMp3() {
        List<FlvTag> tags = MediaTags.read(TestMedia.h264Mp3());

        assertThat(audioFormats(tags)).containsOnly(2);
        assertThat(tags).filteredOn(FlvTag::isAudio).hasSizeGreaterThan(100);
    }

    @Test
    void shouldAgreeWithFfmpegOnThePacketsOfTheSource() {
        Path source = TestMedia.h264Aac();
        List<FlvTag> tags = MediaTags.read(source);
        FrameMd5 packets = FrameMd5.of(source);

        // FFmpeg turns sequence headers into extradata and drops the AVC end of sequence.
        long framed = tags.stream().filter(t -> !t.isSequenceHeader() && !t.isSequenceEnd()).count();
        assertThat(packets.packets()).hasSize((int) framed);
        assertThat(Ffprobe.assertReadable(source)).isEqualTo((int) framed);
        packets.assertSameAs(FrameMd5.of(source));
    }

    private static int compositionTime(FlvTag tag) {
        int cts = (tag.byteAt(2) << 16) | (tag.byteAt(3) << 8) | tag.byteAt(4);
        return (cts << 8) >> 8;
    }

    private static List<Integer> audioFormats(List<FlvTag> tags) {
        return tags.stream().filter(FlvTag::isAudio).map(t -> t.byteAt(0) >> 4).distinct().toList();
    }
}
