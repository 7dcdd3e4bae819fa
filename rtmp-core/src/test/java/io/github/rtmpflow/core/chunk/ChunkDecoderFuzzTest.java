package io.github.rtmpflow.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.rtmpflow.core.RtmpLimits;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Arbitrary bytes at arbitrary splits, with small limits: the decoder yields messages or a
 * ProtocolError, never an exception, never a stall, and never holds more than the buffer
 * limit. Runs its seed corpus in {@code verify}; fuzz for real with {@code JAZZER_FUZZ=1} and
 * {@code -Djazzer.hooks=true} (the build turns the coverage hooks off for regression runs).
 */
class ChunkDecoderFuzzTest {

    private static final RtmpLimits LIMITS = new RtmpLimits(4096, 8192, 8, 16_384, 8, 1024, 64);

    /**
     * The first byte seeds the split points and the listener's pauses; the rest is the chunk stream.
     */
    @FuzzTest(maxDuration = "30s")
    void shouldNeverThrowStallOrOverrunTheLimits(byte[] data) {
        if (data.length == 0) {
            return;
        }
        Random random = new Random(data[0]);
        ChunkDecoder[] holder = new ChunkDecoder[1];
        long[] delivered = new long[1];
        boolean[] lastAnswer = {true};
        ChunkDecoder decoder = new ChunkDecoder(LIMITS, message -> {
            assertThat(message.length()).isLessThanOrEqualTo(LIMITS.maxMessageLength());
            assertThat(holder[0].bufferedBytes()).isLessThanOrEqualTo(LIMITS.maxBufferedBytes());
            delivered[0]++;
            lastAnswer[0] = random.nextInt(8) != 0;
            return lastAnswer[0];
        });
        holder[0] = decoder;
        int offset = 1;
        while (offset < data.length && !decoder.failed()) {
            int n = Math.min(1 + random.nextInt(64), data.length - offset);
            ByteBuffer in = ByteBuffer.wrap(data, offset, n);
            while (in.hasRemaining() && !decoder.failed()) {
                long messagesBefore = delivered[0];
                decoder.feed(in);
                // A feed that returns with input left either failed or paused: right after a
                // message the listener answered false to.
                if (in.hasRemaining() && !decoder.failed()) {
                    assertThat(delivered[0]).isGreaterThan(messagesBefore);
                    assertThat(lastAnswer[0]).isFalse();
                }
                assertThat(decoder.bufferedBytes()).isBetween(0L, LIMITS.maxBufferedBytes());
            }
            offset += n;
        }
        decoder.feed(ByteBuffer.allocate(0));
        assertThat(decoder.bytesConsumed()).isLessThanOrEqualTo(data.length - 1);
        assertThat(decoder.chunkSize()).isBetween(1, LIMITS.maxChunkSize());
    }
}
