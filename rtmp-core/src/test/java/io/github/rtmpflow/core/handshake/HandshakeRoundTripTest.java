package io.github.rtmpflow.core.handshake;

import static io.github.rtmpflow.core.handshake.Feeder.concat;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.handshake.Feeder.Fed;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HandshakeRoundTripTest {

    private static final byte[] CLIENT_CHUNKS = "client chunks".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SERVER_CHUNKS = "server chunks".getBytes(StandardCharsets.US_ASCII);

    static Stream<Arguments> formsAndSplits() {
        return Stream.of(HandshakeForm.values()).flatMap(form -> Split.all().map(split -> Arguments.of(form, split)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("formsAndSplits")
    void shouldCompleteClientAgainstServerInEveryForm(HandshakeForm form, Split split) {
        ClientHandshake client = new ClientHandshake(form, 1000, new SplittableRandom(11));
        ServerHandshake server = new ServerHandshake(2000, new SplittableRandom(12));

        Fed c0c1 = Feeder.feed(server, Feeder.bytes(client.takeOutput()), split);
        assertThat(c0c1.result()).isEqualTo(HandshakeResult.NEEDS_MORE_INPUT);
        Fed s0s1s2 = Feeder.feed(client, concat(c0c1.output(), SERVER_CHUNKS), split);
        Fed c2 = Feeder.feed(server, concat(s0s1s2.output(), CLIENT_CHUNKS), split);

        assertThat(s0s1s2.result()).isEqualTo(HandshakeResult.DONE);
        assertThat(c2.result()).isEqualTo(HandshakeResult.DONE);
        assertThat(s0s1s2.leftover()).isEqualTo(SERVER_CHUNKS);
        assertThat(c2.leftover()).isEqualTo(CLIENT_CHUNKS);
        assertThat(server.form()).contains(form);
        assertThat(client.serverForm()).contains(form);
        assertThat(c2.output()).as("nothing more to send").isEmpty();
        if (form.isDigest()) {
            byte[] s1 = Arrays.copyOfRange(c0c1.output(), 1, 1537);
            assertThat(ReferenceDigest.answerValid(
                            s0s1s2.output(), ReferenceDigest.digestAt(s1, form.digestBlockOffset()),
                            ReferenceDigest.PLAYER_KEY))
                    .as("the client's C2 signs the server's S1 digest")
                    .isTrue();
        }
    }
}
