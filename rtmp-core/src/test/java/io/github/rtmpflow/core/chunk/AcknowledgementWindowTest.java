package io.github.rtmpflow.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AcknowledgementWindowTest {

    private final AcknowledgementWindow window = new AcknowledgementWindow();

    @Test
    void shouldNeverAskForAnAcknowledgementWithoutAWindow() {
        assertThat(window.onBytesReceived(10_000_000_000L)).isFalse();
        assertThat(window.sequenceNumberToAck()).isEqualTo(-1);
    }

    @Test
    void shouldAskOncePerWindowOfBytes() {
        window.setWindowSize(1000);

        assertThat(window.onBytesReceived(999)).isFalse();
        assertThat(window.onBytesReceived(1000)).isTrue();
        assertThat(window.sequenceNumberToAck()).isEqualTo(1000);
        assertThat(window.onBytesReceived(1999)).isFalse();
        assertThat(window.onBytesReceived(2500)).isTrue();
        assertThat(window.sequenceNumberToAck()).isEqualTo(2500);
        assertThat(window.onBytesReceived(3499)).isFalse();
    }

    @Test
    void shouldAcknowledgeSeveralWindowsCrossedAtOnceOnce() {
        window.setWindowSize(100);

        assertThat(window.onBytesReceived(1000)).isTrue();
        assertThat(window.sequenceNumberToAck()).isEqualTo(1000);
        assertThat(window.onBytesReceived(1050)).isFalse();
    }

    @Test
    void shouldWrapTheSequenceNumberAt2Pow32() {
        window.setWindowSize(0xFFFF_FFFFL);

        assertThat(window.onBytesReceived(0x1_0000_0010L)).isTrue();
        assertThat(window.sequenceNumberToAck()).isEqualTo(0x10);
    }

    @Test
    void shouldStopAskingWhenThePeerSetsAWindowOfZero() {
        window.setWindowSize(100);
        window.setWindowSize(0);

        assertThat(window.onBytesReceived(1000)).isFalse();
    }

    @Test
    void shouldRejectMisuse() {
        assertThatThrownBy(() -> window.setWindowSize(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("window size out of range: size=-1");
        assertThatThrownBy(() -> window.setWindowSize(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
        window.setWindowSize(10);
        window.onBytesReceived(100);
        assertThatThrownBy(() -> window.onBytesReceived(99)).isInstanceOf(IllegalArgumentException.class);
    }
}
