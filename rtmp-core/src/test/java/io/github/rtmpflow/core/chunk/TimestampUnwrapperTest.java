package io.github.rtmpflow.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimestampUnwrapperTest {

    private final TimestampUnwrapper unwrapper = new TimestampUnwrapper();

    @Test
    void shouldTakeTheFirstTimestampAsItIs() {
        assertThat(unwrapper.last()).isEqualTo(-1);
        assertThat(unwrapper.unwrap(0xF000_0000)).isEqualTo(0xF000_0000L);
    }

    @Test
    void shouldAdd2Pow32EachTimeTheCounterWraps() {
        unwrapper.unwrap(0xFFFF_FFF0);

        assertThat(unwrapper.unwrap(0x10)).isEqualTo(0x1_0000_0010L);
        assertThat(unwrapper.unwrap(0x8000_0000)).isEqualTo(0x1_8000_0000L);
        assertThat(unwrapper.unwrap(0xFFFF_FFFF)).isEqualTo(0x1_FFFF_FFFFL);
        assertThat(unwrapper.unwrap(0x5)).isEqualTo(0x2_0000_0005L);
    }

    @Test
    void shouldStepBackAcrossTheWrapForASlightlyOlderTimestamp() {
        unwrapper.unwrap(0xFFFF_FFF0);
        unwrapper.unwrap(0x10);

        assertThat(unwrapper.unwrap(0xFFFF_FFF8)).isEqualTo(0xFFFF_FFF8L);
        assertThat(unwrapper.unwrap(0x20)).isEqualTo(0x1_0000_0020L);
    }

    @Test
    void shouldPassOtherJumpsOnAsTheyAre() {
        unwrapper.unwrap(5_000_000);

        assertThat(unwrapper.unwrap(0)).as("publisher restarted at 0").isZero();
        assertThat(unwrapper.unwrap(0xC000_0000)).as("forward jump before any wrap").isEqualTo(0xC000_0000L);
        assertThat(unwrapper.unwrap(0x4000_0001)).as("backward jump of less than 2^31").isEqualTo(0x4000_0001L);
    }

    @Test
    void shouldStartOverAfterReset() {
        unwrapper.unwrap(0xFFFF_FFF0);
        unwrapper.unwrap(0x10);

        unwrapper.reset();

        assertThat(unwrapper.unwrap(0x10)).isEqualTo(0x10L);
    }
}
