package io.github.rtmpflow.flv;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The views over tags of real publish sessions (FFmpeg 5.1 H.264/AAC, OBS 29 H.264/AAC, FFmpeg
 * 7.1 Enhanced RTMP HEVC and AV1), compared with what the captures are known to hold and with
 * independent checks of the coded data (IDR/IRAP NAL units, AV1 sequence headers).
 */
class CaptureViewsTest {

    private static List<FlvTag> frames(List<FlvTag> tags) {
        return tags.stream().filter(t -> t.isVideo() && isCodedFrames(t)).collect(Collectors.toList());
    }

    private static boolean isCodedFrames(FlvTag tag) {
        try {
            VideoPacketType type = VideoTagHeader.parse(tag).packetType();
            return type == VideoPacketType.CODED_FRAMES || type == VideoPacketType.CODED_FRAMES_X;
        } catch (ProtocolException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Long> keyframeTimes(List<FlvTag> tags) {
        return tags.stream().filter(FlvTag::isKeyframe).map(FlvTag::timestamp).collect(Collectors.toList());
    }

    private static VideoDecoderConfiguration videoConfig(List<FlvTag> tags) throws ProtocolException {
        FlvTag start = tags.stream().filter(t -> t.isVideo() && t.isSequenceHeader()).findFirst().orElseThrow();
        return VideoTagHeader.parse(start).tracks().get(0).decoderConfiguration();
    }

    private static AudioSpecificConfig audioConfig(List<FlvTag> tags) throws ProtocolException {
        FlvTag start = tags.stream().filter(t -> t.isAudio() && t.isSequenceHeader()).findFirst().orElseThrow();
        return AudioTagHeader.parse(start).tracks().get(0).audioSpecificConfig();
    }

    private static OnMetaData metadata(List<FlvTag> tags) throws ProtocolException {
        return OnMetaData.parse(tags.stream().filter(FlvTag::isOnMetaData).findFirst().orElseThrow());
    }

    @Test
    void shouldDescribeTheFfmpegH264Capture() throws ProtocolException {
        List<FlvTag> tags = CaptureTags.tags(CaptureTags.FFMPEG_H264);

        AvcDecoderConfigurationRecord avc = (AvcDecoderConfigurationRecord) videoConfig(tags);
        assertThat(avc.width()).isEqualTo(640);
        assertThat(avc.height()).isEqualTo(360);
        assertThat(avc.codecString()).isEqualTo("avc1.64001e");
        AudioSpecificConfig aac = audioConfig(tags);
        assertThat(aac.sampleRate()).isEqualTo(48000);
        assertThat(aac.channels()).isEqualTo(1);
        OnMetaData metadata = metadata(tags);
        assertThat(metadata.videoCodec()).isEqualTo(VideoCodec.AVC);
        assertThat(metadata.audioCodec()).isEqualTo(AudioCodec.AAC);
        assertThat(metadata.frameRate()).isEqualTo(30);
        assertThat(metadata.encoder()).isEqualTo("Lavf59.27.100");

        List<FlvTag> frames = frames(tags);
        assertThat(frames).hasSize(90).allSatisfy(f -> assertThat(f.isKeyframe()).isEqualTo(NalTypes.hasAvcIdr(f)));
        assertThat(keyframeTimes(tags)).containsExactly(0L, 1000L, 2000L);
        assertThat(tags.get(tags.size() - 1).isSequenceEnd()).isTrue();
    }

    @Test
    void shouldDescribeTheObsCapture() throws ProtocolException {
        List<FlvTag> tags = CaptureTags.tags(CaptureTags.OBS_H264);

        VideoDecoderConfiguration avc = videoConfig(tags);
        assertThat(avc.codec()).isEqualTo(VideoCodec.AVC);
        assertThat(avc.width()).isEqualTo(1280);
        assertThat(avc.height()).isEqualTo(720);
        AudioSpecificConfig aac = audioConfig(tags);
        assertThat(aac.sampleRate()).isEqualTo(48000);
        assertThat(aac.channels()).isEqualTo(2);
        OnMetaData metadata = metadata(tags);
        assertThat(metadata.width()).isEqualTo(1280);
        assertThat(metadata.height()).isEqualTo(720);
        assertThat(metadata.encoder()).startsWith("obs-output module");

        List<FlvTag> frames = frames(tags);
        assertThat(frames).hasSize(363).allSatisfy(f -> assertThat(f.isKeyframe()).isEqualTo(NalTypes.hasAvcIdr(f)));
        // x264's default keyint of 250 frames at 30 fps: a keyframe every 8.33 s
        assertThat(keyframeTimes(tags)).containsExactly(0L, 8332L);
    }

    @Test
    void shouldDescribeTheEnhancedHevcCapture() throws ProtocolException {
        List<FlvTag> tags = CaptureTags.tags(CaptureTags.FFMPEG71_HEVC);

        HevcDecoderConfigurationRecord hevc = (HevcDecoderConfigurationRecord) videoConfig(tags);
        assertThat(hevc.width()).isEqualTo(640);
        assertThat(hevc.height()).isEqualTo(360);
        assertThat(hevc.generalProfileIdc()).isEqualTo(1); // Main
        assertThat(hevc.generalLevelIdc()).isEqualTo(63); // level 2.1, enough for 640x360@30
        assertThat(hevc.nalUnits(HevcDecoderConfigurationRecord.NAL_TYPE_PPS)).hasSize(1);
        OnMetaData metadata = metadata(tags);
        assertThat(metadata.videoCodec()).isEqualTo(VideoCodec.HEVC); // FourCC as a number
        assertThat(metadata.videoCodecId().asNumber()).isEqualTo(FourCc.of("hvc1"));

        List<FlvTag> frames = frames(tags);
        assertThat(frames).hasSize(90).allSatisfy(f -> assertThat(f.isKeyframe())
                .isEqualTo(NalTypes.hasHevcIrap(f, (f.byteAt(0) & 0x0F) == 1 ? 8 : 5)));
        assertThat(keyframeTimes(tags)).containsExactly(0L, 967L, 1967L);
        assertThat(frames).anyMatch(f -> (f.byteAt(0) & 0x0F) == 3); // CodedFramesX when the offset is 0
        FlvTag videoMetadata = tags.stream().filter(t -> t.isVideo() && t.byteAt(0) == 0xd4).findFirst().orElseThrow();
        assertThat(VideoTagHeader.parse(videoMetadata).packetType()).isEqualTo(VideoPacketType.METADATA);
        assertThat(videoMetadata.isKeyframe()).isFalse();
    }

    @Test
    void shouldDescribeTheEnhancedAv1Capture() throws ProtocolException {
        List<FlvTag> tags = CaptureTags.tags(CaptureTags.FFMPEG71_AV1);

        Av1CodecConfigurationRecord av1 = (Av1CodecConfigurationRecord) videoConfig(tags);
        assertThat(av1.width()).isEqualTo(640);
        assertThat(av1.height()).isEqualTo(360);
        assertThat(av1.seqProfile()).isZero();
        assertThat(av1.seqLevelIdx0()).isEqualTo(1); // level 2.1
        assertThat(av1.bitDepth()).isEqualTo(8);
        assertThat(metadata(tags).videoCodec()).isEqualTo(VideoCodec.AV1);

        List<FlvTag> frames = frames(tags);
        assertThat(frames).hasSize(90);
        for (FlvTag frame : frames) {
            // the encoder repeats the sequence header in every key temporal unit
            ByteBuffer obus = VideoTagHeader.parse(frame).tracks().get(0).data();
            assertThat(frame.isKeyframe()).isEqualTo(Av1SequenceHeader.find(obus) != null);
        }
        assertThat(keyframeTimes(tags)).containsExactly(21L, 1021L, 2021L);
    }
}
