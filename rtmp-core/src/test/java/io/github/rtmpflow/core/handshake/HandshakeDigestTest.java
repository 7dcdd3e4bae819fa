package io.github.rtmpflow.core.handshake;

import static io.github.rtmpflow.core.handshake.Fixtures.FFMPEG71_C2S;
import static io.github.rtmpflow.core.handshake.Fixtures.FFMPEG71_S2C;
import static io.github.rtmpflow.core.handshake.Fixtures.FFMPEG_C2S;
import static io.github.rtmpflow.core.handshake.Fixtures.FFMPEG_S2C;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.handshake.HandshakeDigest.Signer;
import java.security.Key;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeDigestTest {

    /** Golden vectors read off the captures with an independent script (Python hmac). */
    private static final String FFMPEG_C1_DIGEST = """
            650bfb9b65f953d848e3456965d0d76b627a84e35e9ddabd8b43f0fadaee458c""";
    private static final String NGINX_S1_DIGEST = """
            bab0285a820ff615d196715c558f1dded9091a289f26d2ae6b61f938e1e305a8""";
    private static final String NGINX_S2_SIGNATURE = """
            f7734f7b339a2f4a61d7e2365ec28d0cc7340bbd06b89527c71ac50adaf8fde2""";

    private final HandshakeDigest digest = new HandshakeDigest();

    private static byte[] c1(String capture) {
        return Fixtures.range(capture, 1, 1537);
    }

    private static byte[] s1(String capture) {
        return Fixtures.range(capture, 1, 1537);
    }

    private static byte[] s2(String capture) {
        return Fixtures.range(capture, 1537, 3073);
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.strip());
    }

    @Test
    void shouldPlaceDigestAfterTheOffsetBytesModulo728() {
        byte[] packet = new byte[1536];
        packet[8] = 1;
        packet[9] = 2;
        packet[10] = 3;
        packet[11] = 4;
        assertThat(HandshakeDigest.digestOffset(packet, 0, 8)).isEqualTo(8 + 4 + 10);

        packet[772] = (byte) 0xFF;
        packet[773] = (byte) 0xFF;
        packet[774] = (byte) 0xD9;
        assertThat(HandshakeDigest.digestOffset(packet, 0, 772))
                .as("sum 727 puts the digest at its last position, ending at byte 1535")
                .isEqualTo(772 + 4 + 727);
        packet[775] = 1;
        assertThat(HandshakeDigest.digestOffset(packet, 0, 772)).as("sum 728 wraps to 0").isEqualTo(776);
    }

    @Test
    void shouldReadTheOffsetBytesRelativeToThePacketStart() {
        byte[] buffer = new byte[1 + 1536];
        buffer[1 + 8] = 100;
        assertThat(HandshakeDigest.digestOffset(buffer, 1, 8)).isEqualTo(8 + 4 + 100);
    }

    @Test
    void shouldUseKeysOf30And62BytesForTheClientAnd36And68ForTheServer() {
        assertThat(Signer.CLIENT.partialKeyLength()).isEqualTo(30);
        assertThat(Signer.CLIENT.fullKeyLength()).isEqualTo(62);
        assertThat(Signer.SERVER.partialKeyLength()).isEqualTo(36);
        assertThat(Signer.SERVER.fullKeyLength()).isEqualTo(68);
    }

    @Test
    void shouldFindFfmpegC1DigestAtSchema1() {
        byte[] c1 = c1(FFMPEG_C2S);

        assertThat(digest.findDigest(c1, 0, Signer.CLIENT)).isEqualTo(HandshakeForm.DIGEST_SCHEMA_1);
        assertThat(HandshakeDigest.digestOffset(c1, 0, 8)).isEqualTo(494);
        byte[] found = new byte[32];
        HandshakeDigest.copyDigest(c1, 0, HandshakeForm.DIGEST_SCHEMA_1, found);
        assertThat(found).isEqualTo(hex(FFMPEG_C1_DIGEST));
        assertThat(ReferenceDigest.validBase(c1, ReferenceDigest.PLAYER_PARTIAL_KEY)).hasValue(8);
    }

    @Test
    void shouldFindNginxS1DigestAtSchema1WithTheServerKeyOnly() {
        byte[] s1 = s1(FFMPEG_S2C);

        assertThat(digest.findDigest(s1, 0, Signer.SERVER)).isEqualTo(HandshakeForm.DIGEST_SCHEMA_1);
        assertThat(digest.findDigest(s1, 0, Signer.CLIENT)).isEqualTo(HandshakeForm.SIMPLE);
        assertThat(HandshakeDigest.digestOffset(s1, 0, 8)).isEqualTo(540);
        byte[] found = new byte[32];
        HandshakeDigest.copyDigest(s1, 0, HandshakeForm.DIGEST_SCHEMA_1, found);
        assertThat(found).isEqualTo(hex(NGINX_S1_DIGEST));
        assertThat(ReferenceDigest.validBase(s1, ReferenceDigest.SERVER_PARTIAL_KEY)).hasValue(8);
    }

    @Test
    void shouldValidateNginxS2SignatureKeyedFromFfmpegC1Digest() {
        byte[] s2 = s2(FFMPEG_S2C);
        Key key = digest.answerKey(hex(FFMPEG_C1_DIGEST), Signer.SERVER);

        assertThat(digest.hasValidAnswerSignature(s2, 0, key)).isTrue();
        assertThat(Arrays.copyOfRange(s2, 1504, 1536)).isEqualTo(hex(NGINX_S2_SIGNATURE));
        assertThat(ReferenceDigest.answerValid(s2, hex(FFMPEG_C1_DIGEST), ReferenceDigest.SERVER_KEY)).isTrue();

        s2[0] ^= 1;
        assertThat(digest.hasValidAnswerSignature(s2, 0, key)).isFalse();
    }

    @Test
    void shouldValidateNodeMediaServerS1AndS2AnsweringFfmpeg71() {
        byte[] c1 = c1(FFMPEG71_C2S);
        byte[] s1 = s1(FFMPEG71_S2C);
        byte[] s2 = s2(FFMPEG71_S2C);
        byte[] c1Digest = new byte[32];
        HandshakeDigest.copyDigest(c1, 0, digest.findDigest(c1, 0, Signer.CLIENT), c1Digest);

        assertThat(digest.findDigest(s1, 0, Signer.SERVER)).isEqualTo(HandshakeForm.DIGEST_SCHEMA_1);
        assertThat(digest.hasValidAnswerSignature(s2, 0, digest.answerKey(c1Digest, Signer.SERVER))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {Fixtures.GST_RTMP2SINK_C2S, Fixtures.LIBRTMP_C2S, Fixtures.OBS29_C2S})
    void shouldFindNoDigestInSimpleC1(String capture) {
        byte[] c1 = c1(capture);

        assertThat(digest.findDigest(c1, 0, Signer.CLIENT)).isEqualTo(HandshakeForm.SIMPLE);
        assertThat(ReferenceDigest.validBase(c1, ReferenceDigest.PLAYER_PARTIAL_KEY)).isEmpty();
    }

    @Test
    void shouldNotFindADigestOnceAnotherByteChanged() {
        byte[] c1 = c1(FFMPEG_C2S);
        c1[1000] ^= 0x40;

        assertThat(digest.findDigest(c1, 0, Signer.CLIENT)).isEqualTo(HandshakeForm.SIMPLE);
    }

    @ParameterizedTest
    @EnumSource(value = HandshakeForm.class, names = {"DIGEST_SCHEMA_0", "DIGEST_SCHEMA_1"})
    void shouldWriteDigestsThatTheReferenceValidatesAtTheSameSchema(HandshakeForm form) {
        Random random = new Random(form.ordinal());
        for (int i = 0; i < 50; i++) {
            byte[] buffer = new byte[7 + 1536];
            random.nextBytes(buffer);
            digest.writeDigest(buffer, 7, form, Signer.SERVER);
            byte[] packet = Arrays.copyOfRange(buffer, 7, 7 + 1536);

            assertThat(ReferenceDigest.digestValid(packet, form.digestBlockOffset(), ReferenceDigest.SERVER_PARTIAL_KEY))
                    .isTrue();
            assertThat(digest.hasValidDigest(buffer, 7, form, Signer.SERVER)).isTrue();
        }
    }

    @Test
    void shouldSignAnswersThatTheReferenceValidates() {
        byte[] peerDigest = hex(NGINX_S1_DIGEST);
        byte[] answer = new byte[1536];
        new Random(7).nextBytes(answer);

        digest.signAnswer(answer, 0, digest.answerKey(peerDigest, Signer.CLIENT));

        assertThat(ReferenceDigest.answerValid(answer, peerDigest, ReferenceDigest.PLAYER_KEY)).isTrue();
        assertThat(ReferenceDigest.answerValid(answer, peerDigest, ReferenceDigest.SERVER_KEY)).isFalse();
    }
}
