package io.github.rtmpflow.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChunkEncoderTest {

    private final ChunkEncoder encoder = new ChunkEncoder();

    @Test
    void shouldPickTheSmallestHeaderThePreviousMessageAllows() {
        assertThat(formatOf(audio(3, 1000, 1, 10))).as("new chunk stream").isZero();
        assertThat(formatOf(audio(3, 1020, 1, 10))).as("only delta differs (after fmt 0)").isEqualTo(2);
        assertThat(formatOf(audio(3, 1040, 1, 10))).as("same delta").isEqualTo(3);
        assertThat(formatOf(audio(3, 1060, 1, 11))).as("length differs").isEqualTo(1);
        assertThat(formatOf(RawMessage.of(3, 1080, 9, 1, new byte[11]))).as("type differs").isEqualTo(1);
        assertThat(formatOf(RawMessage.of(3, 1100, 9, 1, new byte[11]))).as("same delta as fmt 1").isEqualTo(3);
        assertThat(formatOf(RawMessage.of(3, 1120, 9, 2, new byte[11]))).as("message stream differs").isZero();
        assertThat(formatOf(RawMessage.of(3, 1119, 9, 2, new byte[11]))).as("timestamp backwards").isZero();
        assertThat(formatOf(RawMessage.of(3, 1119 + 0x1_0000_0000L, 9, 2, new byte[11])))
                .as("delta beyond 32 bits").isZero();
        assertThat(formatOf(RawMessage.of(4, 0, 9, 2, new byte[11]))).as("other chunk stream").isZero();
    }

    @Test
    void shouldNotUseFmt3RightAfterFmt0EvenWhenTheTimestampWouldMatch() {
        // After fmt 0 at 40, a fmt-3 message at 80 means 80 to the spec and FFmpeg but 40 to
        // nginx-rtmp: the encoder says fmt 2 instead.
        encoder.encode(audio(3, 40, 1, 4));

        assertThat(formatOf(audio(3, 80, 1, 4))).isEqualTo(2);
    }

    @Test
    void shouldUseExtendedTimestampsFrom0xFFFFFFAndRepeatThemOnContinuationChunks() {
        assertThat(hex(encoder.encode(RawMessage.of(3, 0xFFFFFE, 9, 1, new byte[1]))))
                .isEqualTo("03fffffe00000109010000" + "00" + "00");
        ChunkEncoder other = new ChunkEncoder();

        String wire = hex(other.encode(RawMessage.of(3, 0xFFFFFF, 9, 1, new byte[129])));

        assertThat(wire).isEqualTo("03ffffff00008109010000" + "00" + "00ffffff" + "00".repeat(128)
                + "c3" + "00ffffff" + "00");
    }

    @Test
    void shouldWriteTheLow32BitsOfA64BitTimestamp() {
        String wire = hex(encoder.encode(RawMessage.of(3, 0x1_0000_0005L, 8, 1, new byte[0])));

        assertThat(wire).isEqualTo("03" + "000005" + "000000" + "08" + "01000000");
    }

    @Test
    void shouldSwitchChunkSizeAfterTheSetChunkSizeMessage() {
        RawMessage toOne = RawMessage.of(2, 0, MessageTypes.SET_CHUNK_SIZE, 0, HexFormat.of().parseHex("00000001"));
        RawMessage toTwo = RawMessage.of(2, 0, MessageTypes.SET_CHUNK_SIZE, 0, HexFormat.of().parseHex("00000002"));

        assertThat(encoder.encode(toOne).remaining()).isEqualTo(12 + 4); // still one 128-byte chunk
        assertThat(encoder.chunkSize()).isEqualTo(1);
        // Itself at size 1 in 4 chunks; fmt 2 (same length and type; fmt 3 is not used right after fmt 0).
        ByteBuffer second = encoder.encode(toTwo);
        assertThat(hex(second)).isEqualTo("82000000" + "00" + "c2" + "00" + "c2" + "00" + "c2" + "02");
        assertThat(encoder.chunkSize()).isEqualTo(2);
        assertThat(encoder.encode(audio(5, 0, 1, 3)).remaining()).isEqualTo(12 + 2 + 1 + 1);
    }

    @Test
    void shouldRejectIllegalSetChunkSizeMessages() {
        for (String payload : new String[] {"00000000", "80000000", "ffffffff", "000001"}) {
            RawMessage message = RawMessage.of(2, 0, MessageTypes.SET_CHUNK_SIZE, 0, HexFormat.of().parseHex(payload));
            assertThatThrownBy(() -> encoder.encode(message)).as(payload).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(encoder.chunkSize()).isEqualTo(128);
    }

    @Test
    void shouldRejectATooSmallOutputBufferWithoutWritingOrChangingState() {
        RawMessage message = audio(3, 0, 1, 200);
        ByteBuffer out = ByteBuffer.allocate(encoder.encodedLength(message) - 1);

        assertThatThrownBy(() -> encoder.encode(message, out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("output buffer too small: remaining=212 needed=213");
        assertThat(out.position()).isZero();
        assertThat(formatOf(message)).as("still a new chunk stream").isZero();
    }

    @Test
    void shouldWriteAtTheOutputPositionWithoutTouchingThePayloadPosition() {
        RawMessage message = RawMessage.of(3, 0, 8, 1, new byte[] {7, 8, 9});
        ByteBuffer out = ByteBuffer.allocateDirect(64).position(5);

        encoder.encode(message, out);

        assertThat(out.position()).isEqualTo(5 + 12 + 3);
        assertThat(out.get(5 + 12)).isEqualTo((byte) 7);
        assertThat(message.payload().position()).isZero();
    }

    @Test
    void shouldWriteAllThreeBasicHeaderForms() {
        assertThat(hex(encoder.encode(audio(63, 0, 1, 0))).substring(0, 2)).isEqualTo("3f");
        assertThat(hex(encoder.encode(audio(64, 0, 1, 0))).substring(0, 4)).isEqualTo("0000");
        assertThat(hex(encoder.encode(audio(319, 0, 1, 0))).substring(0, 4)).isEqualTo("00ff");
        assertThat(hex(encoder.encode(audio(320, 0, 1, 0))).substring(0, 6)).isEqualTo("010001");
        assertThat(hex(encoder.encode(audio(65_599, 0, 1, 0))).substring(0, 6)).isEqualTo("01ffff");
    }

    private int formatOf(RawMessage message) {
        int length = encoder.encodedLength(message);
        ByteBuffer encoded = encoder.encode(message);
        assertThat(encoded.remaining()).isEqualTo(length);
        return (encoded.get(0) & 0xFF) >>> 6;
    }

    private static RawMessage audio(int chunkStreamId, long timestamp, int messageStreamId, int length) {
        return RawMessage.of(chunkStreamId, timestamp, MessageTypes.AUDIO, messageStreamId, new byte[length]);
    }

    private static String hex(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
