package io.github.rtmpflow.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RawMessageTest {

    @Test
    void shouldKeepAReadOnlyExactBufferAsItIs() {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {1, 2, 3}).asReadOnlyBuffer();

        RawMessage message = new RawMessage(3, 0, 8, 1, payload);

        assertThat(message.payload()).isSameAs(payload);
        assertThat(message.length()).isEqualTo(3);
    }

    @Test
    void shouldTurnAnyOtherBufferIntoAReadOnlySliceOfItsRemainingBytes() {
        ByteBuffer payload = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}).position(1).limit(4);

        RawMessage message = new RawMessage(3, 0, 8, 1, payload);

        assertThat(message.payload().isReadOnly()).isTrue();
        assertThat(message.payload().position()).isZero();
        assertThat(message.length()).isEqualTo(3);
        assertThat(message.payloadBytes()).containsExactly(2, 3, 4);
    }

    @Test
    void shouldCompareByContent() {
        RawMessage a = RawMessage.of(3, 7, 8, 1, new byte[] {1, 2});
        RawMessage b = new RawMessage(3, 7, 8, 1, ByteBuffer.allocateDirect(2).put(new byte[] {1, 2}).flip());

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(RawMessage.of(3, 7, 8, 1, new byte[] {1, 3}));
    }

    @Test
    void shouldReportLengthIndependentOfThePosition() {
        RawMessage message = RawMessage.of(3, 0, 8, 1, new byte[4]);

        message.payload().position(2);

        assertThat(message.length()).isEqualTo(4);
        assertThat(message.payloadBytes()).hasSize(4);
    }

    @Test
    void shouldRejectOutOfRangeFields() {
        assertThatThrownBy(() -> RawMessage.of(1, 0, 8, 1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("chunkStreamId out of range: chunkStreamId=1");
        assertThatThrownBy(() -> RawMessage.of(65_600, 0, 8, 1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawMessage.of(3, -1, 8, 1, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timestamp must not be negative: timestamp=-1");
        assertThatThrownBy(() -> RawMessage.of(3, 0, 256, 1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RawMessage.of(3, 0, 8, 1, new byte[0x1000000]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("payload too long: length=16777216");
        assertThatThrownBy(() -> new RawMessage(3, 0, 8, 1, null)).isInstanceOf(NullPointerException.class);
    }
}
