package io.github.rtmpflow.core.handshake;

import static io.github.rtmpflow.core.handshake.Feeder.concat;
import static io.github.rtmpflow.core.handshake.Fixtures.FFMPEG_C2S;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.handshake.Feeder.Fed;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServerHandshakeTest {

    private static final int EPOCH = 0x01020304;
    /** Handshake plus the first chunk bytes of the capture, which must stay unconsumed. */
    private static final int CAPTURE_PREFIX = 3073 + 100;

    private static ServerHandshake server() {
        return new ServerHandshake(EPOCH, new SplittableRandom(42));
    }

    static Stream<Split> splits() {
        return Split.all();
    }

    static Stream<Arguments> simpleCapturesAndSplits() {
        return Stream.of(Fixtures.GST_RTMP2SINK_C2S, Fixtures.LIBRTMP_C2S, Fixtures.OBS29_C2S)
                .flatMap(capture -> Split.all().map(split -> Arguments.of(capture, split)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void shouldAnswerFfmpegDigestC1WithS1AndS2ThatFfmpegAccepts(Split split) {
        byte[] capture = Fixtures.read(FFMPEG_C2S, CAPTURE_PREFIX);
        byte[] c1 = Arrays.copyOfRange(capture, 1, 1537);
        ServerHandshake server = server();

        Fed fed = Feeder.feed(server, capture, split);

        assertThat(fed.result()).isEqualTo(HandshakeResult.DONE);
        assertThat(server.form()).contains(HandshakeForm.DIGEST_SCHEMA_1);
        assertThat(server.peerVersion()).isEqualTo(0x09007C02);
        byte[] reply = fed.output();
        assertThat(reply).hasSize(3073);
        assertThat(reply[0]).isEqualTo((byte) 3);
        byte[] s1 = Arrays.copyOfRange(reply, 1, 1537);
        byte[] s2 = Arrays.copyOfRange(reply, 1537, 3073);
        assertThat(AbstractHandshake.getInt(s1, 0)).as("S1 time").isEqualTo(EPOCH);
        assertThat(s1[4]).as("FFmpeg verifies S1 when its first version byte is >= 3").isGreaterThanOrEqualTo((byte) 3);
        assertThat(ReferenceDigest.validBase(s1, ReferenceDigest.SERVER_PARTIAL_KEY)).hasValue(8);
        assertThat(ReferenceDigest.answerValid(s2, ReferenceDigest.digestAt(c1, 8), ReferenceDigest.SERVER_KEY))
                .as("S2 signature by FFmpeg's rule")
                .isTrue();
        assertThat(fed.consumed()).isEqualTo(3073);
        assertThat(fed.leftover()).isEqualTo(Arrays.copyOfRange(capture, 3073, CAPTURE_PREFIX));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("simpleCapturesAndSplits")
    void shouldAnswerSimpleC1WithZeroVersionS1AndAnEchoOfC1(String captureName, Split split) {
        byte[] capture = Fixtures.read(captureName, CAPTURE_PREFIX);
        ServerHandshake server = server();

        Fed fed = Feeder.feed(server, capture, split);

        assertThat(fed.result()).isEqualTo(HandshakeResult.DONE);
        assertThat(server.form()).contains(HandshakeForm.SIMPLE);
        assertThat(server.peerVersion()).isZero();
        byte[] reply = fed.output();
        assertThat(reply).hasSize(3073);
        assertThat(reply[0]).isEqualTo((byte) 3);
        assertThat(AbstractHandshake.getInt(reply, 1)).as("S1 time").isEqualTo(EPOCH);
        assertThat(AbstractHandshake.getInt(reply, 5)).as("S1 version").isZero();
        assertThat(Arrays.copyOfRange(reply, 1537, 3073)).as("S2").isEqualTo(Arrays.copyOfRange(capture, 1, 1537));
        assertThat(fed.leftover()).isEqualTo(Arrays.copyOfRange(capture, 3073, CAPTURE_PREFIX));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void shouldAnswerAsSoonAsC0AndC1AreInWithoutWaitingForC2(Split split) {
        byte[] c0c1 = Fixtures.read(FFMPEG_C2S, 1537);
        ServerHandshake server = server();

        Fed fed = Feeder.feed(server, c0c1, split);

        assertThat(fed.result()).isEqualTo(HandshakeResult.NEEDS_MORE_INPUT);
        assertThat(fed.output()).hasSize(3073);
        assertThat(server.done()).isFalse();
        assertThat(server.failed()).isFalse();
    }

    @Test
    void shouldNotAnswerBeforeTheLastByteOfC1() {
        byte[] c0c1 = Fixtures.read(FFMPEG_C2S, 1537);
        ServerHandshake server = server();

        server.feed(ByteBuffer.wrap(c0c1, 0, 1536));
        assertThat(server.hasOutput()).isFalse();
        assertThat(server.form()).isEmpty();
        server.feed(ByteBuffer.wrap(c0c1, 1536, 1));
        assertThat(server.hasOutput()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void shouldFallBackToTheSimpleReplyWhenNoSchemaValidates(Split split) {
        byte[] capture = Fixtures.read(FFMPEG_C2S, 3073);
        capture[1 + 1000] ^= 0x40; // outside the digest at 494..526: breaks it
        ServerHandshake server = server();

        Fed fed = Feeder.feed(server, capture, split);

        assertThat(fed.result()).isEqualTo(HandshakeResult.DONE);
        assertThat(server.form()).contains(HandshakeForm.SIMPLE);
        assertThat(server.peerVersion()).as("C1 still has version bytes").isEqualTo(0x09007C02);
        assertThat(AbstractHandshake.getInt(fed.output(), 5)).as("never a non-zero S1 version without a digest").isZero();
        assertThat(Arrays.copyOfRange(fed.output(), 1537, 3073)).isEqualTo(Arrays.copyOfRange(capture, 1, 1537));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void shouldAnswerSchema0C1WithSchema0S1(Split split) {
        ClientHandshake client = new ClientHandshake(HandshakeForm.DIGEST_SCHEMA_0, 77, new SplittableRandom(3));
        byte[] c0c1 = Feeder.bytes(client.takeOutput());
        byte[] c1 = Arrays.copyOfRange(c0c1, 1, 1537);
        assertThat(ReferenceDigest.validBase(c1, ReferenceDigest.PLAYER_PARTIAL_KEY)).hasValue(772);
        ServerHandshake server = server();

        Fed fed = Feeder.feed(server, concat(c0c1, new byte[1536]), split);

        assertThat(fed.result()).isEqualTo(HandshakeResult.DONE);
        assertThat(server.form()).contains(HandshakeForm.DIGEST_SCHEMA_0);
        byte[] s1 = Arrays.copyOfRange(fed.output(), 1, 1537);
        byte[] s2 = Arrays.copyOfRange(fed.output(), 1537, 3073);
        assertThat(ReferenceDigest.digestValid(s1, 772, ReferenceDigest.SERVER_PARTIAL_KEY)).isTrue();
        assertThat(ReferenceDigest.answerValid(s2, ReferenceDigest.digestAt(c1, 772), ReferenceDigest.SERVER_KEY))
                .isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void shouldAcceptAnyC2(Split split) {
        byte[] capture = Fixtures.read(FFMPEG_C2S, 3073);
        byte[] garbage = new byte[1536];
        new Random(5).nextBytes(garbage);
        System.arraycopy(garbage, 0, capture, 1537, 1536);

        Fed fed = Feeder.feed(server(), concat(capture, new byte[] {9, 8, 7}), split);

        assertThat(fed.result()).isEqualTo(HandshakeResult.DONE);
        assertThat(fed.leftover()).containsExactly(9, 8, 7);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void shouldProduceTheSameReplyForEverySplit(Split split) {
        byte[] capture = Fixtures.read(FFMPEG_C2S, 3073);

        Fed whole = Feeder.feed(server(), capture, Split.WHOLE);
        Fed fed = Feeder.feed(server(), capture, split);

        assertThat(fed.output()).isEqualTo(whole.output());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void shouldRejectRtmpeC0AsUnsupportedVersion(Split split) {
        byte[] input = Fixtures.read(FFMPEG_C2S, 3073);
        input[0] = 6;
        ServerHandshake server = server();

        Fed fed = Feeder.feed(server, input, split);

        assertThat(fed.result()).isInstanceOf(HandshakeResult.Failed.class);
        ProtocolError error = ((HandshakeResult.Failed) fed.result()).error();
        assertThat(error.code()).isEqualTo(ProtocolError.Code.UNSUPPORTED_VERSION);
        assertThat(error.detail()).contains("RTMPE").contains("version=6");
        assertThat(server.error()).contains(error);
        assertThat(fed.consumed()).as("fails on C0 itself").isEqualTo(1);
        assertThat(fed.output()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splits")
    void shouldRejectC0Of0xFfAsUnsupportedVersion(Split split) {
        byte[] input = Fixtures.read(FFMPEG_C2S, 3073);
        input[0] = (byte) 0xFF;

        Fed fed = Feeder.feed(server(), input, split);

        assertThat(fed.result())
                .isEqualTo(new HandshakeResult.Failed(new ProtocolError(
                        ProtocolError.Code.UNSUPPORTED_VERSION, "C0 is not RTMP version 3: version=255")));
    }

    @Test
    void shouldStayFailedAndConsumeNothingAfterFailure() {
        ServerHandshake server = server();
        HandshakeResult failed = server.feed(ByteBuffer.wrap(new byte[] {6}));

        ByteBuffer valid = ByteBuffer.wrap(Fixtures.read(FFMPEG_C2S, 3073));
        HandshakeResult again = server.feed(valid);

        assertThat(again).isEqualTo(failed).isInstanceOf(HandshakeResult.Failed.class);
        assertThat(valid.position()).isZero();
        assertThat(server.failed()).isTrue();
        assertThat(server.done()).isFalse();
        assertThat(server.hasOutput()).isFalse();
    }

    @Test
    void shouldConsumeNothingOnceDone() {
        ServerHandshake server = server();
        server.feed(ByteBuffer.wrap(Fixtures.read(FFMPEG_C2S, 3073)));
        ByteBuffer chunks = ByteBuffer.wrap(new byte[] {3, 0, 0});

        assertThat(server.feed(chunks)).isEqualTo(HandshakeResult.DONE);
        assertThat(chunks.position()).isZero();
        assertThat(server.result()).isEqualTo(HandshakeResult.DONE);
    }

    @Test
    void shouldHandOverOutputOnce() {
        ServerHandshake server = server();
        server.feed(ByteBuffer.wrap(Fixtures.read(FFMPEG_C2S, 1537)));

        assertThat(server.takeOutput().remaining()).isEqualTo(3073);
        assertThat(server.hasOutput()).isFalse();
        assertThat(server.takeOutput().remaining()).isZero();
    }

    @Test
    void shouldReadFromReadOnlyDirectBuffers() {
        byte[] capture = Fixtures.read(FFMPEG_C2S, CAPTURE_PREFIX);
        ByteBuffer direct = ByteBuffer.allocateDirect(capture.length).put(capture).flip().asReadOnlyBuffer();
        ServerHandshake server = server();

        assertThat(server.feed(direct)).isEqualTo(HandshakeResult.DONE);
        assertThat(direct.position()).isEqualTo(3073);
        assertThat(Feeder.bytes(server.takeOutput()))
                .isEqualTo(Feeder.feed(server(), capture, Split.WHOLE).output());
    }

    @Test
    void shouldNeedMoreInputForAnEmptyBuffer() {
        ServerHandshake server = server();

        assertThat(server.feed(ByteBuffer.allocate(0))).isEqualTo(HandshakeResult.NEEDS_MORE_INPUT);
        assertThat(server.error()).isEmpty();
    }
}
