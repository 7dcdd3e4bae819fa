package io.github.rtmpflow.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AacFramesTest {

    @ParameterizedTest
    @ValueSource(ints = {8, 9, 20, 100, 341, 342, 600, 2000})
    void shouldBuildFramesOfExactlyTheLengthAsked(int length) {
        byte[] frame = AacFrames.silentFrame(length);

        assertThat(frame).hasSize(length);
        // channel_pair_element id 001, tag 0000, common_window 0; then global_gain 100 (0x64).
        assertThat(frame[0] & 0xFF).isEqualTo(0b0010_0000);
        assertThat(frame[1] & 0xFF).isEqualTo(0x64);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 7})
    void shouldRefuseFramesTooShortForTheSilentElement(int length) {
        assertThatThrownBy(() -> AacFrames.silentFrame(length)).isInstanceOf(IllegalArgumentException.class);
    }
}
