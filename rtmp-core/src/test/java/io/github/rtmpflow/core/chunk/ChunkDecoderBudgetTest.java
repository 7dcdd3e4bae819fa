package io.github.rtmpflow.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.RtmpLimits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decoders sharing a {@link BufferBudget}: the sum of their partial messages stays within it,
 * the decoder that would pass it fails with BUFFER_LIMIT, and every reservation comes back on
 * delivery, on Abort and on {@link ChunkDecoder#releaseBuffers()}.
 */
class ChunkDecoderBudgetTest {

    /** A budget of {@code max} bytes that counts what is reserved. */
    private static final class Counting implements BufferBudget {
        private final long max;
        private final AtomicLong reserved = new AtomicLong();
        private final AtomicLong calls = new AtomicLong();

        Counting(long max) {
            this.max = max;
        }

        @Override
        public boolean tryReserve(long bytes) {
            calls.incrementAndGet();
            long now = reserved.get();
            if (now + bytes > max) {
                return false;
            }
            reserved.addAndGet(bytes);
            return true;
        }

        @Override
        public void release(long bytes) {
            reserved.addAndGet(-bytes);
        }
    }

    static List<Feeding> feedings() {
        return Feeding.all().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldFailTheDecoderThatWouldPassTheSharedBudget(Feeding feeding) {
        Counting budget = new Counting(3000);
        ChunkDecoder first = new ChunkDecoder(RtmpLimits.DEFAULTS, m -> true, budget);
        ChunkDecoder second = new ChunkDecoder(RtmpLimits.DEFAULTS, m -> true, budget);
        // 2000 of 3000 bytes announced on the first, then 2000 more on the second: over.
        feed(feeding, first, firstChunkOf(3, 2000));
        assertThat(budget.reserved.get()).isEqualTo(2000);
        feed(feeding, second, firstChunkOf(3, 2000));

        assertThat(second.failed()).isTrue();
        assertThat(second.error().code()).isEqualTo(ProtocolError.Code.BUFFER_LIMIT);
        assertThat(first.failed()).isFalse();
        assertThat(budget.reserved.get()).isEqualTo(2000);
        first.releaseBuffers();
        second.releaseBuffers();
        assertThat(budget.reserved.get()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldGiveReservationsBackOnDeliveryAndAbort(Feeding feeding) {
        Counting budget = new Counting(10_000);
        List<RawMessage> delivered = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, m -> delivered.add(m), budget);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        // A whole 300-byte message on chunk stream 4, the start of a 5000-byte one on 5, then Abort(5).
        ChunkEncoder encoder = new ChunkEncoder();
        ByteBuffer whole = encoder.encode(RawMessage.of(4, 0, MessageTypes.VIDEO, 1, new byte[300]));
        wire.write(whole.array(), whole.arrayOffset() + whole.position(), whole.remaining());
        wire.writeBytes(firstChunkOf(5, 5000));
        ByteBuffer abort = encoder.encode(RawMessage.of(2, 0, MessageTypes.ABORT, 0, new byte[] {0, 0, 0, 5}));
        wire.write(abort.array(), abort.arrayOffset() + abort.position(), abort.remaining());

        feed(feeding, decoder, wire.toByteArray());

        assertThat(decoder.failed()).isFalse();
        assertThat(delivered).extracting(RawMessage::typeId).containsExactly(MessageTypes.VIDEO, MessageTypes.ABORT);
        assertThat(decoder.bufferedBytes()).isZero();
        assertThat(budget.reserved.get()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldDiscardInputAfterReleasingItsBuffers(Feeding feeding) {
        Counting budget = new Counting(10_000);
        List<RawMessage> delivered = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, m -> delivered.add(m), budget);
        feed(feeding, decoder, firstChunkOf(3, 1000));
        decoder.releaseBuffers();
        decoder.releaseBuffers();
        assertThat(budget.reserved.get()).isZero();

        ByteBuffer more = ByteBuffer.wrap(new byte[872]);
        decoder.feed(more);
        assertThat(more.hasRemaining()).isFalse();
        assertThat(delivered).isEmpty();
        assertThat(budget.reserved.get()).isZero();
    }

    @Test
    void shouldLeaveTheSharedBudgetAloneForAMessageThatArrivesWholeInOneFeed() {
        Counting budget = new Counting(0);
        List<RawMessage> delivered = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, m -> delivered.add(m), budget);

        decoder.feed(new ChunkEncoder().encode(RawMessage.of(4, 0, MessageTypes.VIDEO, 1, new byte[5000])));

        assertThat(decoder.failed()).isFalse();
        assertThat(delivered).hasSize(1);
        assertThat(budget.calls.get()).isZero();
    }

    @Test
    void shouldHoldAGrantForAMessageLeftPartialAndGiveItAllBackWhenTheMessageCompletes() {
        Counting budget = new Counting(1 << 20);
        List<RawMessage> delivered = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, m -> delivered.add(m), budget);
        ByteBuffer wire = new ChunkEncoder().encode(RawMessage.of(4, 0, MessageTypes.VIDEO, 1, new byte[5000]));
        ByteBuffer firstHalf = wire.duplicate().limit(wire.position() + wire.remaining() / 2);

        decoder.feed(firstHalf);
        assertThat(budget.reserved.get()).isEqualTo(ChunkDecoder.BUDGET_GRANT_BYTES);
        decoder.feed(wire.position(firstHalf.limit()));

        assertThat(delivered).hasSize(1);
        assertThat(budget.reserved.get()).isZero();
        assertThat(budget.calls.get()).isEqualTo(1);
    }

    @Test
    void shouldKeepOneGrantFromReadToReadWhileMessagesStayPartial() {
        Counting budget = new Counting(1 << 20);
        List<RawMessage> delivered = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, m -> delivered.add(m), budget);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        ChunkEncoder encoder = new ChunkEncoder();
        for (int i = 0; i < 40; i++) {
            ByteBuffer m = encoder.encode(RawMessage.of(4, i * 33L, MessageTypes.VIDEO, 1, new byte[5000 + i]));
            wire.write(m.array(), m.arrayOffset() + m.position(), m.remaining());
        }
        byte[] bytes = wire.toByteArray();

        // Reads of 7001 bytes: nearly every one ends inside a message, as with a fast publisher.
        for (int at = 0; at < bytes.length; at += 7001) {
            decoder.feed(ByteBuffer.wrap(bytes, at, Math.min(7001, bytes.length - at)));
        }

        assertThat(decoder.failed()).isFalse();
        assertThat(delivered).hasSize(40);
        assertThat(budget.calls.get()).as("reservations for 40 messages, most of them partial at a read's end")
                .isLessThan(5);
        assertThat(budget.reserved.get()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldRefuseBeforeAllocatingAMessageLongerThanTheInputLeft(Feeding feeding) {
        Counting budget = new Counting(0);
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, m -> true, budget);

        feed(feeding, decoder, firstChunkOf(3, 0xFFFFFF)); // 12 header bytes announcing almost 16 MiB

        assertThat(decoder.failed()).isTrue();
        assertThat(decoder.error().code()).isEqualTo(ProtocolError.Code.BUFFER_LIMIT);
        assertThat(decoder.bufferedBytes()).as("nothing allocated for the refused message").isZero();
        assertThat(budget.reserved.get()).isZero();
    }

    @Test
    void shouldGiveBackTheReservationOfAPartialMessageANewHeaderDropsInALaterFeed() {
        Counting budget = new Counting(10_000);
        List<RawMessage> delivered = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, m -> delivered.add(m), budget);
        decoder.feed(ByteBuffer.wrap(firstChunkOf(3, 5000)));
        assertThat(budget.reserved.get()).isEqualTo(5000);

        // LENIENT: a full header on chunk stream 3 mid-message drops the partial one.
        decoder.feed(new ChunkEncoder().encode(RawMessage.of(3, 40, MessageTypes.VIDEO, 1, new byte[100])));

        assertThat(decoder.failed()).isFalse();
        assertThat(delivered).hasSize(1);
        assertThat(decoder.bufferedBytes()).isZero();
        assertThat(budget.reserved.get()).isZero();
    }

    /** A fmt-0 header announcing {@code length} bytes of video on {@code chunkStreamId} and its first 128 bytes. */
    private static byte[] firstChunkOf(int chunkStreamId, int length) {
        ByteBuffer out = ByteBuffer.allocate(12 + 128);
        out.put((byte) chunkStreamId).put(new byte[3]);
        out.put((byte) (length >>> 16)).put((byte) (length >>> 8)).put((byte) length);
        out.put((byte) MessageTypes.VIDEO).put(new byte[] {1, 0, 0, 0});
        out.put(new byte[128]);
        return out.array();
    }

    private static void feed(Feeding feeding, ChunkDecoder decoder, byte[] data) {
        feeding.forEachPiece(data, in -> {
            decoder.feed(in);
            return !decoder.failed();
        });
    }
}
