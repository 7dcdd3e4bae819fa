package io.github.rtmpflow.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.RtmpLimits;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Decoder behaviour beyond the golden vectors; every wire test runs with every {@link Feeding}. */
class ChunkDecoderTest {

    private static final int EXT = 0xFFFFFF;

    static Stream<Feeding> feedings() {
        return Feeding.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldDecodeMultiChunkMessagesWithFmt0TimestampsCrossing0xFFFFFFMonotonically(Feeding feeding) {
        // Absolute fmt-0 timestamps around 4 h 39 min, each message in 3 chunks, extended
        // timestamps repeated on fmt-3 chunks except for one message (old publishers).
        long[] timestamps = {0xFFFFFFL - 40, 0xFFFFFFL - 20, 0xFFFFFFL, 0xFFFFFFL + 20, 0xFFFFFFL + 40, 0xFFFFFFL + 60};
        Wire wire = new Wire();
        byte[] payload = new byte[300];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7);
        }
        for (int m = 0; m < timestamps.length; m++) {
            boolean extended = timestamps[m] >= EXT;
            boolean repeat = m != 4;
            wire.fmt0(6, extended ? EXT : (int) timestamps[m], 300, MessageTypes.VIDEO, 1);
            if (extended) {
                wire.ext(timestamps[m]);
            }
            wire.bytes(payload, 0, 128).fmt3(6);
            if (extended && repeat) {
                wire.ext(timestamps[m]);
            }
            wire.bytes(payload, 128, 256).fmt3(6);
            if (extended && repeat) {
                wire.ext(timestamps[m]);
            }
            wire.bytes(payload, 256, 300);
        }

        Feeding.Result result = feeding.decode(wire.toBytes());

        assertThat(result.error()).isNull();
        assertThat(result.messages()).extracting(RawMessage::timestamp).containsExactly(
                timestamps[0], timestamps[1], timestamps[2], timestamps[3], timestamps[4], timestamps[5]);
        assertThat(result.messages()).allSatisfy(message -> assertThat(message.payloadBytes()).isEqualTo(payload));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldUnwrapTimestampsAcross2Pow32IntoA64BitTimeline(Feeding feeding) {
        // fmt 0 near the top, fmt 2 deltas across the wrap (mod 2^32 arithmetic), a fmt-0
        // timestamp after the wrap, and a slightly older message (audio behind video).
        Wire wire = new Wire()
                .fmt0(4, EXT, 2, MessageTypes.AUDIO, 1).ext(0xFFFF_FF00L).fill(2)
                .fmt2(4, 0x80).fill(2)                          // 0xFFFFFF80
                .fmt2(4, 0x90).fill(2)                          // wraps: 0x1_0000_0010
                .fmt0(4, 0x50, 2, MessageTypes.AUDIO, 1).fill(2) // 0x1_0000_0050
                .fmt0(4, EXT, 2, MessageTypes.AUDIO, 1).ext(0xFFFF_FFF0L).fill(2) // back across the wrap
                .fmt0(4, 0x60, 2, MessageTypes.AUDIO, 1).fill(2);

        Feeding.Result result = feeding.decode(wire.toBytes());

        assertThat(result.error()).isNull();
        assertThat(result.messages()).extracting(RawMessage::timestamp).containsExactly(
                0xFFFF_FF00L, 0xFFFF_FF80L, 0x1_0000_0010L, 0x1_0000_0050L, 0xFFFF_FFF0L, 0x1_0000_0060L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldAcceptAnExtendedTimestampOmittedOnAFmt3NewMessage(Feeding feeding) {
        byte[] wire = new Wire()
                .fmt0(4, EXT, 5, MessageTypes.AUDIO, 1).ext(0x0100_0000L).hex("1122334455")
                .fmt3(4).hex("6677889900")   // new message, no extended field: delta re-applied
                .fmt3(4).ext(0x0100_0000L).hex("AABBCCDDEE") // new message, field present
                .toBytes();

        Feeding.Result result = feeding.decode(wire);

        assertThat(result.error()).isNull();
        assertThat(result.messages()).extracting(RawMessage::timestamp)
                .containsExactly(0x0100_0000L, 0x0200_0000L, 0x0300_0000L);
        assertThat(result.messages()).extracting(m -> m.payloadBytes()[0])
                .containsExactly((byte) 0x11, (byte) 0x66, (byte) 0xAA);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldFailWithBufferLimitWhenManyChunkStreamsAnnounce16MegabyteMessages(Feeding feeding) {
        RtmpLimits limits = RtmpLimits.DEFAULTS.withMaxChunkStreams(1000).withMaxBufferedBytes(64L * 1024 * 1024);
        Wire wire = new Wire();
        for (int id = 3; id < 1003; id++) {
            wire.fmt0(id, 0, 0xFFFFFF, MessageTypes.VIDEO, 1).fill(128);
        }

        Feeding.Result result = feeding.decode(wire.toBytes(), limits);

        assertThat(result.error()).isNotNull();
        assertThat(result.error().code()).isEqualTo(ProtocolError.Code.BUFFER_LIMIT);
        // Streams 3..6 fit in 64 MB (4 x 16 MB - 4 bytes); the fifth announcement fails.
        assertThat(result.error().detail()).contains("chunkStreamId=7");
        assertThat(result.messages()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldReleaseTheBufferBudgetWhenMessagesCompleteOrAreAborted(Feeding feeding) {
        RtmpLimits limits = RtmpLimits.DEFAULTS.withMaxBufferedBytes(1004); // one message + an Abort
        Wire wire = new Wire().setChunkSize(100);
        for (int i = 0; i < 5; i++) {
            wire.fmt0(3, i, 1000, MessageTypes.VIDEO, 1).fill(100); // completes: released
            for (int c = 1; c < 10; c++) {
                wire.fmt3(3).fill(100);
            }
        }
        for (int i = 0; i < 5; i++) {
            wire.fmt0(4, i, 1000, MessageTypes.VIDEO, 1).fill(100).abort(4); // aborted: released
        }
        wire.fmt0(5, 0, 1000, MessageTypes.VIDEO, 1).fill(100)
                .fmt0(5, 0, 1000, MessageTypes.VIDEO, 1).fill(100); // restarted: released
        for (int c = 1; c < 10; c++) {
            wire.fmt3(5).fill(100);
        }

        Feeding.Result result = feeding.decode(wire.toBytes(), limits);

        assertThat(result.error()).isNull();
        assertThat(result.messages()).extracting(RawMessage::typeId).containsExactly(1,
                9, 9, 9, 9, 9, 2, 2, 2, 2, 2, 9);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldFailWhenMoreChunkStreamsThanTheLimitHoldState(Feeding feeding) {
        Wire wire = new Wire();
        for (int id = 3; id <= 7; id++) {
            wire.fmt0(id, 0, 1, MessageTypes.AUDIO, 1).fill(1);
        }

        Feeding.Result result = feeding.decode(wire.toBytes(), RtmpLimits.DEFAULTS.withMaxChunkStreams(4));

        assertThat(result.error().code()).isEqualTo(ProtocolError.Code.TOO_MANY_CHUNK_STREAMS);
        assertThat(result.messages()).hasSize(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldFailWhenAMessageIsLongerThanTheLimit(Feeding feeding) {
        RtmpLimits limits = RtmpLimits.DEFAULTS.withMaxMessageLength(1000);
        byte[] wire = new Wire().setChunkSize(4096)
                .fmt0(3, 0, 1000, MessageTypes.VIDEO, 1).fill(1000)
                .fmt1(3, 10, 1001, MessageTypes.VIDEO).fill(1001)
                .toBytes();

        Feeding.Result result = feeding.decode(wire, limits);

        assertThat(result.error().code()).isEqualTo(ProtocolError.Code.MESSAGE_TOO_LONG);
        assertThat(result.error().detail()).contains("length=1001");
        assertThat(result.messages()).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldRejectChunkSizeZero(Feeding feeding) {
        Feeding.Result result = feeding.decode(new Wire().setChunkSize(0).toBytes());

        assertThat(result.error().code()).isEqualTo(ProtocolError.Code.BAD_CHUNK_SIZE);
        assertThat(result.messages()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldRejectChunkSizeWithBit31Set(Feeding feeding) {
        Feeding.Result result = feeding.decode(new Wire().setChunkSize(0x8000_0000).toBytes());

        assertThat(result.error().code()).isEqualTo(ProtocolError.Code.BAD_CHUNK_SIZE);
        assertThat(result.error().detail()).contains("chunkSize=2147483648");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldRejectChunkSizeAboveTheLimit(Feeding feeding) {
        Feeding.Result result = feeding.decode(new Wire().setChunkSize(65_537).toBytes(),
                RtmpLimits.DEFAULTS.withMaxChunkSize(65_536));

        assertThat(result.error().code()).isEqualTo(ProtocolError.Code.BAD_CHUNK_SIZE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldAcceptTheLargestLegalChunkSize(Feeding feeding) {
        byte[] wire = new Wire().setChunkSize(0x7FFF_FFFF)
                .fmt0(3, 0, 100_000, MessageTypes.VIDEO, 1).fill(100_000) // one chunk
                .fmt0(4, 0, 1, MessageTypes.AUDIO, 1).fill(1)
                .toBytes();

        Feeding.Result result = feeding.decode(wire);

        assertThat(result.error()).isNull();
        assertThat(result.chunkSize()).isEqualTo(0x7FFF_FFFF);
        assertThat(result.messages()).extracting(RawMessage::length).containsExactly(4, 100_000, 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldRejectATruncatedSetChunkSize(Feeding feeding) {
        byte[] wire = new Wire().fmt0(2, 0, 3, MessageTypes.SET_CHUNK_SIZE, 0).hex("000100").toBytes();

        Feeding.Result result = feeding.decode(wire);

        assertThat(result.error().code()).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldApplySetChunkSizeAtTheByteAfterItsMessage(Feeding feeding) {
        // Chunk size 1 from the next byte on; the second Set Chunk Size itself travels in
        // 1-byte chunks, and the 300-byte message after it in one chunk.
        byte[] wire = new Wire().setChunkSize(1)
                .fmt0(3, 5, 3, MessageTypes.AUDIO, 1).hex("AA").fmt3(3).hex("BB").fmt3(3).hex("CC")
                .fmt0(2, 0, 4, MessageTypes.SET_CHUNK_SIZE, 0).hex("00").fmt3(2).hex("00").fmt3(2).hex("01")
                .fmt3(2).hex("2C")
                .fmt0(4, 0, 300, MessageTypes.VIDEO, 1).fill(300)
                .toBytes();

        Feeding.Result result = feeding.decode(wire);

        assertThat(result.error()).isNull();
        assertThat(result.chunkSize()).isEqualTo(300);
        assertThat(result.messages()).extracting(RawMessage::typeId).containsExactly(1, 8, 1, 9);
        assertThat(result.messages().get(1).payloadBytes()).containsExactly(0xAA, 0xBB, 0xCC);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldFailOnFmt1To3WithoutAPreviousHeader(Feeding feeding) {
        assertThat(feeding.decode(new Wire().fmt1(5, 0, 1, 8).fill(1).toBytes()).error().code())
                .isEqualTo(ProtocolError.Code.BAD_CHUNK);
        assertThat(feeding.decode(new Wire().fmt2(2, 0).fill(1).toBytes()).error().code())
                .isEqualTo(ProtocolError.Code.BAD_CHUNK);
        assertThat(feeding.decode(new Wire().fmt3(3).fill(1).toBytes()).error().code())
                .isEqualTo(ProtocolError.Code.BAD_CHUNK);
        assertThat(feeding.decode(new Wire().fmt3(400).fill(1).toBytes()).error().detail())
                .contains("chunkStreamId=400");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldDropAPartialMessageWhenAFullHeaderInterruptsIt(Feeding feeding) {
        byte[] wire = new Wire()
                .fmt0(6, 0, 200, MessageTypes.VIDEO, 1).fill(128)
                .fmt1(6, 40, 3, MessageTypes.VIDEO).hex("010203")
                .toBytes();

        Feeding.Result result = feeding.decode(wire);

        assertThat(result.error()).isNull();
        assertThat(result.messages()).containsExactly(RawMessage.of(6, 40, 9, 1, new byte[] {1, 2, 3}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("feedings")
    void shouldPauseAfterEachMessageWhenTheListenerSaysSo(Feeding feeding) {
        GoldenVector vector = ChunkGoldenVectorTest.VECTORS.stream()
                .filter(v -> v.name().startsWith("extended timestamp not repeated, chunk payload shorter"))
                .findFirst().orElseThrow();
        List<RawMessage> messages = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, message -> messages.add(message) && false);
        int feeds = 0;
        for (byte[] piece : feeding.pieces(vector.bytes())) {
            ByteBuffer in = ByteBuffer.wrap(piece);
            do {
                int before = messages.size();
                decoder.feed(in);
                feeds++;
                assertThat(messages.size() - before).as("messages per feed").isLessThanOrEqualTo(1);
                if (in.hasRemaining()) {
                    assertThat(messages.size()).as("feed returned early only after a message").isEqualTo(before + 1);
                }
            } while (in.hasRemaining());
        }
        // Resume once more: bytes held back from a put-back may complete a message.
        decoder.feed(ByteBuffer.allocate(0));

        assertThat(decoder.failed()).isFalse();
        assertThat(messages).containsExactlyElementsOf(vector.messages());
        assertThat(feeds).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldLeaveTheRestOfTheInputUnconsumedWhenPaused() {
        byte[] wire = new Wire().fmt0(3, 0, 2, 8, 1).hex("0102").fmt0(3, 0, 2, 8, 1).hex("0304").toBytes();
        List<RawMessage> messages = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, message -> messages.add(message) && false);
        ByteBuffer in = ByteBuffer.wrap(wire);

        decoder.feed(in);

        assertThat(messages).hasSize(1);
        assertThat(in.position()).isEqualTo(14);
        assertThat(decoder.bytesConsumed()).isEqualTo(14);
        decoder.feed(in);
        assertThat(messages).hasSize(2);
        assertThat(in.hasRemaining()).isFalse();
        assertThat(decoder.bytesConsumed()).isEqualTo(28);
    }

    @Test
    void shouldStayFailedAndDiscardLaterInput() {
        List<RawMessage> messages = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, messages::add);
        ByteBuffer bad = ByteBuffer.wrap(new Wire().fmt3(3).fill(10).toBytes());

        decoder.feed(bad);

        assertThat(decoder.failed()).isTrue();
        assertThat(bad.position()).isEqualTo(1);
        ProtocolError error = decoder.error();
        ByteBuffer good = ByteBuffer.wrap(new Wire().fmt0(3, 0, 1, 8, 1).fill(1).toBytes());
        decoder.feed(good);
        assertThat(good.hasRemaining()).isFalse();
        assertThat(decoder.error()).isSameAs(error);
        assertThat(decoder.bytesConsumed()).isEqualTo(1);
        assertThat(messages).isEmpty();
    }

    @Test
    void shouldDeliverReadOnlyExactSizePayloadsIndependentOfTheInput() {
        byte[] wire = new Wire().fmt0(3, 0, 3, 8, 1).hex("010203").toBytes();
        List<RawMessage> messages = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, messages::add);
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length).put(wire).flip();

        decoder.feed(direct);
        direct.clear().put(new byte[wire.length]); // the caller reuses its buffer

        ByteBuffer payload = messages.get(0).payload();
        assertThat(payload.isReadOnly()).isTrue();
        assertThat(payload.position()).isZero();
        assertThat(payload.capacity()).isEqualTo(3);
        assertThat(messages.get(0).payloadBytes()).containsExactly(1, 2, 3);
    }

    @Test
    void shouldHoldNoBufferBudgetBetweenMessages() {
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, message -> true);

        decoder.feed(ByteBuffer.wrap(new Wire().fmt0(3, 0, 200, 9, 1).fill(128).toBytes()));
        assertThat(decoder.bufferedBytes()).isEqualTo(200);
        decoder.feed(ByteBuffer.wrap(new Wire().fmt3(3).fill(72).toBytes()));

        assertThat(decoder.bufferedBytes()).isZero();
    }
}
