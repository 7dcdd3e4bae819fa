package io.github.rtmpflow.core.handshake;

import static io.github.rtmpflow.core.handshake.Fixtures.FFMPEG_C2S;
import static io.github.rtmpflow.core.handshake.Fixtures.FFMPEG_S2C;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.handshake.Feeder.Fed;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ClientHandshakeTest {

    private static final int EPOCH = 0x0A0B0C0D;

    static Stream<Split> splits() {
        return Split.all();
    }

    /** FFmpeg's C1 with the digest answer of nginx-rtmp, and of node-media-server. */
    static Stream<Arguments> digestRepliesAndSplits() {
        return Stream.of(
                        new String[] {FFMPEG_C2S, FFMPEG_S2C},
                        new String[] {Fixtures.FFMPEG71_C2S, Fixtures.FFMPEG71_S2C})
                .flatMap(pair -> Split.all().map(split -> Arguments.of(pair[0], pair[1], split)));
    }

    /** A client that sent FFmpeg's C1 from {@code capture}, so the captured S2 is its answer. */
    private static ClientHandshake clientWithC1Of(String capture) {
        ClientHandshake client = new ClientHandshake(
                HandshakeForm.DIGEST_SCHEMA_1, Fixtures.range(capture, 1, 1537), new SplittableRandom(9));
        assertThat(Feeder.bytes(client.takeOutput())).isEqualTo(Fixtures.read(capture, 1537));
        return client;
    }

    @Test
    void shouldSendSimpleC0C1WithZeroVersionRightAway() {
        ClientHandshake client = new ClientHandshake(HandshakeForm.SIMPLE, EPOCH, new SplittableRandom(1));

        byte[] c0c1 = Feeder.bytes(client.takeOutput());

        assertThat(c0c1).hasSize(1537);
        assertThat(c0c1[0]).isEqualTo((byte) 3);
        assertThat(AbstractHandshake.getInt(c0c1, 1)).isEqualTo(EPOCH);
        assertThat(AbstractHandshake.getInt(c0c1, 5)).isZero();
        assertThat(client.hasOutput()).isFalse();
        assertThat(client.serverForm()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = HandshakeForm.class, names = {"DIGEST_SCHEMA_0", "DIGEST_SCHEMA_1"})
    void shouldSendDigestC1ThatValidatesAtTheChosenSchema(HandshakeForm form) {
        for (int seed = 0; seed < 20; seed++) {
            ClientHandshake client = new ClientHandshake(form, EPOCH, new SplittableRandom(seed));

            byte[] c1 = Arrays.copyOfRange(Feeder.bytes(client.takeOutput()), 1, 1537);

            assertThat(AbstractHandshake.getInt(c1, 0)).isEqualTo(EPOCH);
            assertThat(AbstractHandshake.getInt(c1, 4)).as("9.0.124.2").isEqualTo(0x09007C02);
            assertThat(ReferenceDigest.digestValid(c1, form.digestBlockOffset(), ReferenceDigest.PLAYER_PARTIAL_KEY))
                    .isTrue();
        }
    }

    @ParameterizedTest(name = "{1} {2}")
    @MethodSource("digestRepliesAndSplits")
    void shouldCompleteAgainstARealDigestReplyWithADigestC2(String c2s, String s2c, Split split) {
        ClientHandshake client = clientWithC1Of(c2s);
        byte[] reply = Fixtures.read(s2c);
        byte[] s1 = Arrays.copyOfRange(reply, 1, 1537);

        Fed fed = Feeder.feed(client, reply, split);

        assertThat(fed.result()).isEqualTo(HandshakeResult.DONE);
        assertThat(client.serverForm()).contains(HandshakeForm.DIGEST_SCHEMA_1);
        assertThat(fed.output()).as("C2").hasSize(1536);
        assertThat(ReferenceDigest.answerValid(fed.output(), ReferenceDigest.digestAt(s1, 8), ReferenceDigest.PLAYER_KEY))
                .as("C2 signature keyed from the S1 digest and the 62-byte player key")
                .isTrue();
        assertThat(fed.consumed()).isEqualTo(3073);
        assertThat(fed.leftover()).isEqualTo(Arrays.copyOfRange(reply, 3073, reply.length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void shouldEchoSimpleS1AsC2WithoutCheckingS2(Split split) {
        ClientHandshake client = new ClientHandshake(HandshakeForm.SIMPLE, EPOCH, new SplittableRandom(2));
        client.takeOutput();
        // nginx-rtmp's simple reply echoes GStreamer's C1, not ours, in both S1 and S2.
        byte[] reply = Fixtures.read(Fixtures.GST_RTMP2SINK_S2C);

        Fed fed = Feeder.feed(client, reply, split);

        assertThat(fed.result()).isEqualTo(HandshakeResult.DONE);
        assertThat(client.serverForm()).contains(HandshakeForm.SIMPLE);
        assertThat(fed.output()).isEqualTo(Arrays.copyOfRange(reply, 1, 1537));
        assertThat(fed.leftover()).isEqualTo(Arrays.copyOfRange(reply, 3073, reply.length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void shouldEchoS1WhenItSentSimpleC1AndS1HasAValidDigest(Split split) {
        ClientHandshake client = new ClientHandshake(HandshakeForm.SIMPLE, EPOCH, new SplittableRandom(2));
        client.takeOutput();
        byte[] reply = Fixtures.read(FFMPEG_S2C);

        Fed fed = Feeder.feed(client, reply, split);

        assertThat(fed.result()).isEqualTo(HandshakeResult.DONE);
        assertThat(client.serverForm()).contains(HandshakeForm.DIGEST_SCHEMA_1);
        assertThat(fed.output()).isEqualTo(Arrays.copyOfRange(reply, 1, 1537));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void shouldSendC2AsSoonAsS1IsIn(Split split) {
        ClientHandshake client = clientWithC1Of(FFMPEG_C2S);

        Fed fed = Feeder.feed(client, Fixtures.read(FFMPEG_S2C, 1537), split);

        assertThat(fed.result()).isEqualTo(HandshakeResult.NEEDS_MORE_INPUT);
        assertThat(fed.output()).hasSize(1536);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void shouldFailWhenS1HasAVersionButNoValidDigest(Split split) {
        ClientHandshake client = clientWithC1Of(FFMPEG_C2S);
        byte[] reply = Fixtures.read(FFMPEG_S2C);
        reply[1 + 1000] ^= 1;

        Fed fed = Feeder.feed(client, reply, split);

        assertThat(fed.result()).isInstanceOf(HandshakeResult.Failed.class);
        assertThat(client.error()).map(ProtocolError::code).contains(ProtocolError.Code.BAD_HANDSHAKE);
        assertThat(client.error().orElseThrow().detail()).contains("version=0xd0e0a0d");
        assertThat(fed.output()).as("no C2").isEmpty();
        assertThat(fed.consumed()).isEqualTo(1537);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void shouldFailWhenS2SignatureDoesNotMatchC1Digest(Split split) {
        ClientHandshake client = clientWithC1Of(FFMPEG_C2S);
        byte[] reply = Fixtures.read(FFMPEG_S2C);
        reply[1537 + 10] ^= 1;

        Fed fed = Feeder.feed(client, reply, split);

        assertThat(fed.result()).isInstanceOf(HandshakeResult.Failed.class);
        assertThat(client.error()).map(ProtocolError::code).contains(ProtocolError.Code.BAD_HANDSHAKE);
        assertThat(client.error().orElseThrow().detail()).contains("S2 signature");
        assertThat(fed.output()).as("C2 left before S2 arrived").hasSize(1536);
    }

    @Test
    void shouldRejectS0OtherThan3() {
        ClientHandshake client = new ClientHandshake(HandshakeForm.SIMPLE, EPOCH, new SplittableRandom(2));
        ByteBuffer in = ByteBuffer.wrap(new byte[] {6, 0, 0});

        HandshakeResult result = client.feed(in);

        assertThat(result).isEqualTo(new HandshakeResult.Failed(new ProtocolError(
                ProtocolError.Code.UNSUPPORTED_VERSION, "S0 is not RTMP version 3: version=6")));
        assertThat(in.position()).isEqualTo(1);
        assertThat(client.feed(in)).isEqualTo(result);
        assertThat(in.position()).isEqualTo(1);
    }

    @Test
    void shouldKeepC0C1QueuedWhenC2JoinsItUntaken() {
        ClientHandshake client = new ClientHandshake(HandshakeForm.SIMPLE, EPOCH, new SplittableRandom(2));
        byte[] reply = Fixtures.read(Fixtures.GST_RTMP2SINK_S2C, 3073);

        client.feed(ByteBuffer.wrap(reply));
        byte[] output = Feeder.bytes(client.takeOutput());

        assertThat(output).hasSize(1537 + 1536);
        assertThat(output[0]).isEqualTo((byte) 3);
        assertThat(Arrays.copyOfRange(output, 1537, output.length)).isEqualTo(Arrays.copyOfRange(reply, 1, 1537));
    }
}
