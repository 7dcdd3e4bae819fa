package io.github.rtmpflow.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.amf.Amf0Reader;
import io.github.rtmpflow.core.amf.AmfEcmaArray;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import io.github.rtmpflow.flv.AudioSpecificConfig;
import io.github.rtmpflow.flv.AvcDecoderConfigurationRecord;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntheticMediaTest {

    private static final String URL = "rtmp://127.0.0.1:1935/live";

    @ParameterizedTest
    @CsvSource({"1280, 720, 30, 31", "1920, 1080, 30, 40", "640, 360, 25, 30", "3840, 2160, 60, 52"})
    void shouldCarryAnAvcConfigurationRecordThatParsesToThePictureSize(int width, int height, int fps, int level)
            throws Exception {
        LoadOptions o = LoadOptions.defaults(URL).with("--width", "" + width).with("--height", "" + height)
                .with("--fps", "" + fps);
        ByteBuffer header = new SyntheticMedia(o).videoSequenceHeader();

        assertThat(header.get(0)).isEqualTo((byte) 0x17);
        assertThat(header.get(1)).isEqualTo((byte) 0);
        AvcDecoderConfigurationRecord record = AvcDecoderConfigurationRecord.parse(
                header.duplicate().position(SyntheticMedia.VIDEO_TAG_HEADER_LENGTH));
        assertThat(record.profileIndication()).isEqualTo(100);
        assertThat(record.levelIndication()).isEqualTo(level);
        assertThat(record.nalUnitLengthSize()).isEqualTo(4);
        assertThat(record.pictureParameterSets()).hasSize(1);
        assertThat(record.sps().width()).isEqualTo(width);
        assertThat(record.sps().height()).isEqualTo(height);
        assertThat(record.sps().chromaFormatIdc()).isEqualTo(1);
        assertThat(record.sps().frameMbsOnly()).isTrue();
    }

    @Test
    void shouldCarryAnAacSequenceHeaderFor48KhzStereoLc() throws Exception {
        ByteBuffer header = new SyntheticMedia(LoadOptions.defaults(URL)).audioSequenceHeader();

        assertThat(header.get(0)).isEqualTo((byte) 0xAF);
        assertThat(header.get(1)).isEqualTo((byte) 0);
        AudioSpecificConfig config = AudioSpecificConfig.parse(header.duplicate().position(2));
        assertThat(config.objectType()).isEqualTo(2);
        assertThat(config.sampleRate()).isEqualTo(48_000);
        assertThat(config.channelConfiguration()).isEqualTo(2);
    }

    @Test
    void shouldStartWithSetDataFrameOnMetaData() throws Exception {
        ByteBuffer metadata = new SyntheticMedia(LoadOptions.defaults(URL)).metadata();

        List<AmfValue> values = new Amf0Reader(RtmpLimits.DEFAULTS).readAll(metadata.duplicate());
        assertThat(values).hasSize(3);
        assertThat(values.get(0)).isEqualTo(new AmfString("@setDataFrame"));
        assertThat(values.get(1)).isEqualTo(new AmfString("onMetaData"));
        AmfEcmaArray properties = (AmfEcmaArray) values.get(2);
        assertThat(properties.entries().get("width")).isEqualTo(new AmfNumber(1280));
        assertThat(properties.entries().get("videocodecid")).isEqualTo(new AmfNumber(7));
        assertThat(properties.entries().get("audiocodecid")).isEqualTo(new AmfNumber(10));
    }

    @Test
    void shouldSendAKeyframeEveryGopAndLengthPrefixedSliceNalUnits() {
        LoadOptions o = LoadOptions.defaults(URL).with("--gop", "10");
        SyntheticMedia media = new SyntheticMedia(o);

        for (int i = 0; i < 25; i++) {
            ByteBuffer frame = media.videoFrame(i);
            boolean key = i % 10 == 0;
            assertThat(frame.get(0)).as("frame %d", i).isEqualTo((byte) (key ? 0x17 : 0x27));
            assertThat(frame.get(1)).isEqualTo((byte) 1);
            int nalLength = frame.getInt(5);
            assertThat(nalLength).isEqualTo(frame.capacity() - 9);
            assertThat(frame.get(9)).isEqualTo((byte) (key ? 0x65 : 0x61));
            assertThat(hasStartCodeOrEscape(frame, 10)).as("frame %d", i).isFalse();
        }
    }

    @Test
    void shouldSizeFramesToTheBitRates() {
        LoadOptions o = LoadOptions.defaults(URL).with("--bitrate", "3000").with("--gop", "60")
                .with("--fps", "30").with("--audio-bitrate", "128");
        SyntheticMedia media = new SyntheticMedia(o);

        long gopBytes = 0;
        for (int i = 0; i < 60; i++) {
            gopBytes += media.videoFrame(i).capacity();
        }
        // 3000 kbit/s over 2 s = 750,000 bytes; rounding per frame costs at most 60 bytes.
        assertThat(gopBytes).isBetween(750_000L - 60, 750_000L + 60);
        assertThat(media.videoFrame(0).capacity()).isGreaterThan(4 * media.videoFrame(1).capacity());
        long audioBytes = 0;
        for (int i = 0; i < 8; i++) {
            audioBytes += media.audioFrame(i).capacity() - 2;
        }
        // 128 kbit/s: 16,000 bytes per second, 46.875 frames per second: 341.33 bytes a frame.
        assertThat(audioBytes).isEqualTo(2731);
    }

    @Test
    void shouldTimestampVideoByFrameRateAndAudioBy1024Samples() {
        SyntheticMedia media = new SyntheticMedia(LoadOptions.defaults(URL).with("--extended-timestamp-start", "true"));

        long start = LoadOptions.EXTENDED_TIMESTAMP_START;
        assertThat(media.startTimestamp()).isEqualTo(start);
        assertThat(media.videoTimestamp(30)).isEqualTo(start + 1000);
        assertThat(media.videoTimestamp(1)).isEqualTo(start + 33);
        assertThat(media.audioTimestamp(375)).isEqualTo(start + 8000);
        assertThat(media.videoTimestamp(31)).isGreaterThan(0xFFFFFFL);
    }

    @Test
    void shouldOmitAudioAtZeroBitRate() {
        SyntheticMedia media = new SyntheticMedia(LoadOptions.defaults(URL).with("--audio-bitrate", "0"));

        assertThat(media.hasAudio()).isFalse();
    }

    /** Whether bytes 00 00 0x (x <= 3) appear from {@code from} on. */
    private static boolean hasStartCodeOrEscape(ByteBuffer b, int from) {
        for (int i = from; i + 2 < b.capacity(); i++) {
            if (b.get(i) == 0 && b.get(i + 1) == 0 && (b.get(i + 2) & 0xFF) <= 3) {
                return true;
            }
        }
        return false;
    }
}
