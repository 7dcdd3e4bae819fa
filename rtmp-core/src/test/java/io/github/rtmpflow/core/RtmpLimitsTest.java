package io.github.rtmpflow.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RtmpLimitsTest {

    @Test
    void shouldRejectMessageLengthAboveWhatTheWireCarries() {
        assertThatThrownBy(() -> RtmpLimits.DEFAULTS.withMaxMessageLength(0x1000000))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxMessageLength out of range: maxMessageLength=16777216");
    }

    @Test
    void shouldRejectNonPositiveBounds() {
        assertThatThrownBy(() -> RtmpLimits.DEFAULTS.withMaxChunkStreams(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxChunkStreams=0");
    }

    @Test
    void shouldChangeOnlyTheNamedBound() {
        RtmpLimits limits = RtmpLimits.DEFAULTS.withMaxBufferedBytes(1024);
        assertThat(limits.maxBufferedBytes()).isEqualTo(1024);
        assertThat(limits.withMaxBufferedBytes(RtmpLimits.DEFAULTS.maxBufferedBytes())).isEqualTo(RtmpLimits.DEFAULTS);
    }
}
