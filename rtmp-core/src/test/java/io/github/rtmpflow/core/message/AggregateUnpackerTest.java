package io.github.rtmpflow.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregateUnpackerTest {

    private static final HexFormat HEX = HexFormat.of();

    /** An FLV tag: header (type, size u24, ts u24 + ext u8, stream id u24), data, back pointer. */
    private static String tag(int type, long timestamp, String dataHex, boolean backPointer) {
        int size = dataHex.length() / 2;
        String header = String.format("%02x%06x%06x%02x000000", type, size, timestamp & 0xFFFFFF, (timestamp >>> 24) & 0xFF);
        return header + dataHex + (backPointer ? String.format("%08x", 11 + size) : "");
    }

    private static RawMessage aggregate(long timestamp, String hex) {
        return RawMessage.of(4, timestamp, 22, 1, HEX.parseHex(hex));
    }

    private static ProtocolError.Code errorOf(RawMessage aggregate) {
        try {
            AggregateUnpacker.unpack(aggregate);
        } catch (ProtocolException e) {
            return e.error().code();
        }
        throw new AssertionError("unpacked without error");
    }

    @Test
    void shouldRebaseSubMessagesOnTheAggregateTimestamp() throws ProtocolException {
        String body = tag(9, 1000, "1701000000aa", true) + tag(8, 1000, "af01bb", true) + tag(9, 1033, "2701000000cc", true)
                + tag(18, 1040, "0200046e616d65", true);

        List<RawMessage> subs = AggregateUnpacker.unpack(aggregate(5000, body));

        assertThat(subs).extracting(RawMessage::typeId).containsExactly(9, 8, 9, 18);
        assertThat(subs).extracting(RawMessage::timestamp).containsExactly(5000L, 5000L, 5033L, 5040L);
        assertThat(subs).extracting(RawMessage::chunkStreamId).containsOnly(4);
        assertThat(subs).extracting(RawMessage::messageStreamId).containsOnly(1);
        assertThat(subs).extracting(m -> HEX.formatHex(m.payloadBytes()))
                .containsExactly("1701000000aa", "af01bb", "2701000000cc", "0200046e616d65");
        assertThat(subs).allMatch(m -> m.payload().isReadOnly());
    }

    @Test
    void shouldSliceTheAggregatePayloadWithoutCopying() throws ProtocolException {
        byte[] array = HEX.parseHex(tag(8, 0, "af01bb", true));
        RawMessage aggregate = RawMessage.of(4, 0, 22, 1, array);

        RawMessage sub = AggregateUnpacker.unpack(aggregate).get(0);
        array[11 + 2] = 0x55; // only a test may touch a handed-over payload: it proves the slice

        assertThat(sub.payload().get(2)).isEqualTo((byte) 0x55);
    }

    @Test
    void shouldReadTheExtendedTimestampByteAndOffsetsAcrossThe32BitWrap() throws ProtocolException {
        String body = tag(8, 0xFFFF_FFF0L, "af01", true) + tag(8, 0x0000_0010L, "af01", true);

        List<RawMessage> subs = AggregateUnpacker.unpack(aggregate(100, body));

        assertThat(subs).extracting(RawMessage::timestamp).containsExactly(100L, 132L);
    }

    @Test
    void shouldAcceptALastTagWithoutBackPointer() throws ProtocolException {
        String body = tag(8, 0, "af01", true) + tag(9, 40, "1701", false);

        assertThat(AggregateUnpacker.unpack(aggregate(0, body))).hasSize(2);
    }

    @Test
    void shouldGiveNothingForAnEmptyAggregate() throws ProtocolException {
        assertThat(AggregateUnpacker.unpack(aggregate(7, ""))).isEmpty();
    }

    @Test
    void shouldRejectATagWhoseDataOverrunsTheAggregate() {
        String body = tag(8, 0, "af01bb", true);
        String overrun = body.substring(0, 2) + "000010" + body.substring(8);

        assertThat(errorOf(aggregate(0, overrun))).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
    }

    @Test
    void shouldRejectATruncatedTagHeader() {
        assertThat(errorOf(aggregate(0, tag(8, 0, "af01", true) + "0800000200"))).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
    }

    @Test
    void shouldRejectAPartialBackPointer() {
        assertThat(errorOf(aggregate(0, tag(8, 0, "af01", false) + "0000"))).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
    }

    @Test
    void shouldRejectTagsThatAreNotMedia() {
        assertThat(errorOf(aggregate(0, tag(22, 0, "", true)))).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
        assertThat(errorOf(aggregate(0, tag(20, 0, "05", true)))).isEqualTo(ProtocolError.Code.BAD_MESSAGE);
    }

    @Test
    void shouldRefuseAMessageThatIsNotAnAggregate() {
        assertThatThrownBy(() -> AggregateUnpacker.unpack(RawMessage.of(4, 0, 8, 1, new byte[1])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("typeId=8");
    }

    @Test
    void shouldClampATagThatWouldLandBeforeTimeZero() throws ProtocolException {
        String body = tag(8, 500, "af01", true) + tag(8, 100, "af01", true);

        assertThat(AggregateUnpacker.unpack(aggregate(50, body))).extracting(RawMessage::timestamp)
                .containsExactly(50L, 0L);
    }
}
