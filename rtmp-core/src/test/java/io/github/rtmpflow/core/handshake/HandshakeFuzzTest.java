package io.github.rtmpflow.core.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.rtmpflow.core.handshake.Feeder.Fed;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Arbitrary bytes at arbitrary splits: feed never throws, the outcome is one of needs-more, done
 * or failed and agrees with the handshake's own state, and it does not depend on the split.
 * Seeds in {@code HandshakeFuzzTestInputs/<method>/}: real handshake bytes followed by the bytes
 * the target consumes from the end (form choice, then the 8-byte split seed).
 */
class HandshakeFuzzTest {

    @FuzzTest
    void fuzzServer(FuzzedDataProvider data) {
        long splitSeed = data.consumeLong();
        byte[] input = data.consumeRemainingAsBytes();

        ServerHandshake whole = new ServerHandshake(0, new SplittableRandom(1));
        ServerHandshake split = new ServerHandshake(0, new SplittableRandom(1));
        Fed wholeFed = Feeder.feed(whole, input, Split.WHOLE);
        Fed splitFed = Feeder.feed(split, input, Split.random(splitSeed));

        assertSameOutcome(wholeFed, splitFed);
        assertConsistent(whole, wholeFed, input);
        boolean answered = wholeFed.consumed() >= 1537 && input[0] == 3;
        assertThat(wholeFed.output()).hasSize(answered ? 3073 : 0);
    }

    @FuzzTest
    void fuzzClient(FuzzedDataProvider data) {
        long splitSeed = data.consumeLong();
        HandshakeForm form = data.pickValue(HandshakeForm.values());
        byte[] input = data.consumeRemainingAsBytes();

        ClientHandshake whole = new ClientHandshake(form, 0, new SplittableRandom(1));
        ClientHandshake split = new ClientHandshake(form, 0, new SplittableRandom(1));
        assertThat(whole.takeOutput().remaining()).isEqualTo(1537);
        split.takeOutput();
        Fed wholeFed = Feeder.feed(whole, input, Split.WHOLE);
        Fed splitFed = Feeder.feed(split, input, Split.random(splitSeed));

        assertSameOutcome(wholeFed, splitFed);
        assertConsistent(whole, wholeFed, input);
        assertThat(whole.serverForm().isPresent()).isEqualTo(wholeFed.consumed() >= 1537 && input[0] == 3
                && !(whole.failed() && wholeFed.consumed() == 1537));
        assertThat(wholeFed.output()).hasSize(whole.serverForm().isPresent() ? 1536 : 0);
    }

    private static void assertSameOutcome(Fed whole, Fed split) {
        assertThat(split.result()).isEqualTo(whole.result());
        assertThat(split.output()).isEqualTo(whole.output());
        assertThat(split.consumed()).isEqualTo(whole.consumed());
        assertThat(split.leftover()).isEqualTo(whole.leftover());
    }

    private static void assertConsistent(AbstractHandshake handshake, Fed fed, byte[] input) {
        HandshakeResult result = fed.result();
        assertThat(handshake.result()).isEqualTo(result);
        if (result instanceof HandshakeResult.NeedsMoreInput) {
            assertThat(handshake.done()).isFalse();
            assertThat(handshake.failed()).isFalse();
            assertThat(handshake.error()).isEmpty();
            assertThat(fed.consumed()).isEqualTo(input.length).isLessThan(3073);
        } else if (result instanceof HandshakeResult.Done) {
            assertThat(handshake.done()).isTrue();
            assertThat(handshake.failed()).isFalse();
            assertThat(handshake.error()).isEmpty();
            assertThat(fed.consumed()).isEqualTo(3073);
            assertThat(fed.leftover()).isEqualTo(Arrays.copyOfRange(input, 3073, input.length));
        } else {
            HandshakeResult.Failed failed = (HandshakeResult.Failed) result;
            assertThat(handshake.failed()).isTrue();
            assertThat(handshake.done()).isFalse();
            assertThat(handshake.error()).contains(failed.error());
            ByteBuffer rest = ByteBuffer.wrap(fed.leftover());
            assertThat(handshake.feed(rest)).isEqualTo(failed);
            assertThat(rest.position()).isZero();
        }
    }
}
