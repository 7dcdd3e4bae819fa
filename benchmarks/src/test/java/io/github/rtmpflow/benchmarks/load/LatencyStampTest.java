package io.github.rtmpflow.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.chunk.ChunkDecoder;
import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LatencyStampTest {

    @ParameterizedTest
    @CsvSource({
        "7, 0, 128",
        "7, 16777215, 128", // extended timestamp on the first chunk
        "64, 5000, 4096", // two-byte basic header
        "400, 4294967295, 30", // three-byte basic header, smallest chunk size the stamp fits
    })
    void shouldStampEncodedFramesSoThatThePlayerReadsTheSendTime(int chunkStreamId, long timestamp, int chunkSize) {
        SyntheticMedia media = new SyntheticMedia(LoadOptions.defaults("rtmp://h/live").with("--gop", "2"));
        ChunkEncoder encoder = new ChunkEncoder();
        ByteBuffer out = ByteBuffer.allocate(1 << 20);
        encoder.encode(RawMessage.of(2, 0, MessageTypes.SET_CHUNK_SIZE, 0, ByteBuffer.allocate(4).putInt(0, chunkSize).array()), out);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int start = out.position();
            encoder.encode(new RawMessage(chunkStreamId, timestamp + i * 33L, MessageTypes.VIDEO, 1, media.videoFrame(i)), out);
            long nanos = 0x1234_5678_9ABC_DEF0L + i;
            assertThat(LatencyStamp.stamp(out, start, out.position(), nanos)).isTrue();
            sent.add(nanos);
        }
        List<Long> received = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, m -> {
            if (m.typeId() == MessageTypes.VIDEO) {
                received.add(LatencyStamp.read(m.payload()));
            }
            return true;
        });

        decoder.feed(out.flip());

        assertThat(decoder.failed()).isFalse();
        assertThat(received).isEqualTo(sent);
    }

    @ParameterizedTest
    @CsvSource({"0", "5"})
    void shouldFindNoStampInOtherPayloads(int fill) {
        byte[] payload = new byte[64];
        java.util.Arrays.fill(payload, (byte) fill);

        assertThat(LatencyStamp.read(ByteBuffer.wrap(payload))).isEqualTo(-1);
        assertThat(LatencyStamp.stamp(ByteBuffer.wrap(payload), 0, payload.length, 1)).isFalse();
    }
}
