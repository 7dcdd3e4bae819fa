package io.github.rtmpflow.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.message.MessageCodec;
import io.github.rtmpflow.core.message.SetChunkSize;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The chunk decoder under arbitrary chunk sizes, with the server's default limits.
 *
 * <p>{@link #shouldRoundTripAtAnyChunkSize}: messages chosen by the fuzzer (chunk stream id,
 * timestamp, type, stream id, payload), sent after a Set Chunk Size of any legal value (1 to
 * 0x7FFFFFFF), encoded by {@link ChunkEncoder} and fed at fuzzer-chosen splits, come back
 * identical and in order; {@link #shouldNeverThrowAfterAnyChunkSize}: a Set Chunk Size of any
 * 32-bit value followed by arbitrary bytes gives messages or a ProtocolError, never an
 * exception, and the buffer accounting stays within its bound. Seeds in
 * {@code ChunkSizeFuzzTestInputs/<method>/}.
 */
class ChunkSizeFuzzTest {

    /** Default limits, except a message length the fuzzer can fill. */
    private static final RtmpLimits LIMITS = RtmpLimits.DEFAULTS.withMaxMessageLength(1 << 16)
            .withMaxBufferedBytes(1 << 18);

    @FuzzTest
    void shouldRoundTripAtAnyChunkSize(FuzzedDataProvider data) {
        int chunkSize = data.consumeBoolean() ? data.consumeInt(1, 512) : data.consumeInt(1, RtmpLimits.MAX_WIRE_CHUNK_SIZE);
        List<RawMessage> sent = new ArrayList<>();
        sent.add(MessageCodec.encode(new SetChunkSize(chunkSize), 2, 0, 0));
        int count = data.consumeInt(0, 16);
        long timestamp = data.consumeLong(0, 0xFFFF_FFFFL);
        for (int i = 0; i < count && data.remainingBytes() > 0; i++) {
            int chunkStreamId = data.pickValue(new int[] {3, 4, 63, 64, 319, 320, 65_599});
            timestamp += data.consumeLong(0, 0x1_0000_0000L);
            int typeId = data.pickValue(new int[] {MessageTypes.AUDIO, MessageTypes.VIDEO, MessageTypes.DATA_AMF0});
            int messageStreamId = data.consumeInt(0, Integer.MAX_VALUE);
            byte[] payload = data.consumeBytes(data.consumeInt(0, 4096));
            sent.add(RawMessage.of(chunkStreamId, timestamp & 0xFFFF_FFFFL, typeId, messageStreamId, payload));
        }
        ChunkEncoder encoder = new ChunkEncoder();
        List<ByteBuffer> encoded = new ArrayList<>();
        for (RawMessage m : sent) {
            encoded.add(encoder.encode(m));
        }
        ByteBuffer wire = ByteBuffer.allocate(encoded.stream().mapToInt(ByteBuffer::remaining).sum());
        encoded.forEach(wire::put);
        wire.flip();

        List<RawMessage> received = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(LIMITS, m -> received.add(m));
        while (wire.hasRemaining()) {
            int n = Math.min(wire.remaining(), 1 + data.consumeInt(0, 2048));
            ByteBuffer piece = wire.slice(wire.position(), n);
            decoder.feed(piece);
            assertThat(decoder.error()).isNull();
            assertThat(piece.hasRemaining()).isFalse();
            wire.position(wire.position() + n);
        }
        assertThat(decoder.bufferedBytes()).isZero();
        assertThat(decoder.chunkSize()).isEqualTo(chunkSize);
        assertThat(received).hasSameSizeAs(sent);
        for (int i = 0; i < sent.size(); i++) {
            RawMessage expected = sent.get(i);
            RawMessage actual = received.get(i);
            assertThat(actual.chunkStreamId()).isEqualTo(expected.chunkStreamId());
            assertThat(actual.typeId()).isEqualTo(expected.typeId());
            assertThat(actual.messageStreamId()).isEqualTo(expected.messageStreamId());
            assertThat(actual.timestamp() & 0xFFFF_FFFFL).isEqualTo(expected.timestamp());
            assertThat(actual.payload()).isEqualTo(expected.payload());
        }
    }

    @FuzzTest
    void shouldNeverThrowAfterAnyChunkSize(FuzzedDataProvider data) {
        int chunkSize = data.consumeInt();
        int split = data.consumeInt(1, 4096);
        byte[] rest = data.consumeRemainingAsBytes();
        ByteBuffer wire = ByteBuffer.allocate(16 + rest.length);
        // Set Chunk Size on chunk stream 2, fmt 0, length 4.
        wire.put(new byte[] {2, 0, 0, 0, 0, 0, 4, MessageTypes.SET_CHUNK_SIZE, 0, 0, 0, 0}).putInt(chunkSize).put(rest);
        wire.flip();
        ChunkDecoder[] holder = new ChunkDecoder[1];
        ChunkDecoder decoder = new ChunkDecoder(LIMITS, m -> {
            assertThat(holder[0].bufferedBytes()).isBetween(0L, LIMITS.maxBufferedBytes());
            return true;
        });
        holder[0] = decoder;
        while (wire.hasRemaining() && !decoder.failed()) {
            ByteBuffer piece = wire.slice(wire.position(), Math.min(split, wire.remaining()));
            decoder.feed(piece);
            if (piece.hasRemaining()) {
                assertThat(decoder.failed()).as("input left only after a failure").isTrue();
            }
            wire.position(wire.position() + piece.position());
            assertThat(decoder.bufferedBytes()).isBetween(0L, LIMITS.maxBufferedBytes());
        }
        if (chunkSize <= 0) {
            assertThat(decoder.failed()).isTrue();
        } else if (!decoder.failed()) {
            assertThat(decoder.chunkSize()).isPositive();
        }
    }
}
