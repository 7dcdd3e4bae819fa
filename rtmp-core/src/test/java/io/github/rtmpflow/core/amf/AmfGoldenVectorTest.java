package io.github.rtmpflow.core.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.amf.AmfGoldenVectors.Golden;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives {@link Amf0Reader}/{@link Amf0Writer} and {@link Amf3Reader}/{@link Amf3Writer} with
 * the handwritten vectors of {@link AmfGoldenVectors}: decode whole, decode every truncation,
 * decode at seeded random offsets in heap and direct buffers, and encode the canonical ones.
 */
class AmfGoldenVectorTest {
    private static final Amf0Reader AMF0 = new Amf0Reader(RtmpLimits.DEFAULTS);
    private static final Amf3Reader AMF3 = new Amf3Reader(RtmpLimits.DEFAULTS);

    static Stream<Golden> amf0() {
        return AmfGoldenVectors.AMF0.stream();
    }

    static Stream<Golden> amf3() {
        return AmfGoldenVectors.AMF3.stream();
    }

    static Stream<Golden> amf0Canonical() {
        return amf0().filter(Golden::canonical);
    }

    static Stream<Golden> amf3Canonical() {
        return amf3().filter(Golden::canonical);
    }

    static Stream<Arguments> amf0Seeds() {
        return amf0().flatMap(g -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(g, seed)));
    }

    static Stream<Arguments> amf3Seeds() {
        return amf3().flatMap(g -> Stream.of(1L, 2L, 3L).map(seed -> Arguments.of(g, seed)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("amf0")
    void shouldDecodeAmf0Vector(Golden g) throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(g.bytes());

        assertThat(AMF0.readAll(in)).containsExactly(g.value());
        assertThat(in.hasRemaining()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("amf3")
    void shouldDecodeAmf3Vector(Golden g) throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(g.bytes());

        assertThat(AMF3.read(in)).isEqualTo(g.value());
        assertThat(in.hasRemaining()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("amf3")
    void shouldDecodeAmf3VectorBehindAvmplusMarker(Golden g) throws ProtocolException {
        byte[] amf3 = g.bytes();
        ByteBuffer in = ByteBuffer.allocate(amf3.length + 1).put((byte) 0x11).put(amf3).flip();

        assertThat(AMF0.read(in)).isEqualTo(g.value());
        assertThat(in.hasRemaining()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("amf0")
    void shouldRejectEveryTruncatedAmf0Vector(Golden g) {
        byte[] bytes = g.bytes();
        for (int length = 0; length < bytes.length; length++) {
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
            assertThatThrownBy(() -> AMF0.read(in))
                    .as("prefix of %d bytes", length)
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.error().code()).isEqualTo(ProtocolError.Code.BAD_AMF));
            assertThat(in.position()).as("position restored").isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("amf3")
    void shouldRejectEveryTruncatedAmf3Vector(Golden g) {
        byte[] bytes = g.bytes();
        for (int length = 0; length < bytes.length; length++) {
            ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
            assertThatThrownBy(() -> AMF3.read(in))
                    .as("prefix of %d bytes", length)
                    .isInstanceOfSatisfying(ProtocolException.class,
                            e -> assertThat(e.error().code()).isEqualTo(ProtocolError.Code.BAD_AMF));
            assertThat(in.position()).as("position restored").isZero();
        }
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("amf0Seeds")
    void shouldDecodeAmf0VectorAtRandomOffsetInAnyBuffer(Golden g, long seed) throws ProtocolException {
        Random random = new Random(seed);
        ByteBuffer in = embed(g.bytes(), random);
        int end = in.position() + g.bytes().length;

        assertThat(AMF0.read(in)).isEqualTo(g.value());
        assertThat(in.position()).isEqualTo(end);
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("amf3Seeds")
    void shouldDecodeAmf3VectorAtRandomOffsetInAnyBuffer(Golden g, long seed) throws ProtocolException {
        Random random = new Random(seed);
        ByteBuffer in = embed(g.bytes(), random);
        int end = in.position() + g.bytes().length;

        assertThat(AMF3.read(in)).isEqualTo(g.value());
        assertThat(in.position()).isEqualTo(end);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("amf0Canonical")
    void shouldEncodeAmf0Vector(Golden g) {
        assertThat(Amf0Writer.encode(g.value())).isEqualTo(g.bytes());
        assertThat(Amf0Writer.encodedLength(g.value())).isEqualTo(g.bytes().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("amf3Canonical")
    void shouldEncodeAmf3Vector(Golden g) {
        Amf3Value value = (Amf3Value) g.value();

        assertThat(Amf3Writer.encode(value)).isEqualTo(g.bytes());
        assertThat(Amf3Writer.encodedLength(value)).isEqualTo(g.bytes().length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("amf0Canonical")
    void shouldWriteAmf0VectorAtPositionOfAnyBuffer(Golden g) {
        byte[] expected = g.bytes();
        ByteBuffer out = ByteBuffer.allocateDirect(expected.length + 7).order(ByteOrder.LITTLE_ENDIAN);
        out.position(3);

        Amf0Writer.write(g.value(), out);

        assertThat(out.position()).isEqualTo(3 + expected.length);
        byte[] written = new byte[expected.length];
        out.get(3, written);
        assertThat(written).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("amf0Canonical")
    void shouldRejectTooSmallBufferWithoutWriting(Golden g) {
        ByteBuffer out = ByteBuffer.allocate(g.bytes().length - 1);

        assertThatThrownBy(() -> Amf0Writer.write(g.value(), out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needed=" + g.bytes().length);
        assertThat(out.position()).isZero();
    }

    @org.junit.jupiter.api.Test
    void shouldEncodeSeveralValuesOneAfterAnother() throws ProtocolException {
        List<AmfValue> values = AmfGoldenVectors.AMF0.stream().map(Golden::value).toList();

        byte[] bytes = Amf0Writer.encode(values);

        assertThat(AMF0.readAll(ByteBuffer.wrap(bytes))).isEqualTo(values);
        assertThat(Amf0Writer.encode(values.toArray(new AmfValue[0]))).isEqualTo(bytes);
    }

    /** Places {@code bytes} at a random offset of a heap, read-only or direct buffer with junk around. */
    static ByteBuffer embed(byte[] bytes, Random random) {
        int before = random.nextInt(16);
        int after = random.nextInt(16);
        byte[] all = new byte[before + bytes.length + after];
        random.nextBytes(all);
        System.arraycopy(bytes, 0, all, before, bytes.length);
        ByteBuffer buffer;
        switch (random.nextInt(3)) {
            case 0:
                buffer = ByteBuffer.wrap(all);
                break;
            case 1:
                buffer = ByteBuffer.wrap(all).asReadOnlyBuffer();
                break;
            default:
                buffer = ByteBuffer.allocateDirect(all.length).put(all).flip();
                break;
        }
        if (random.nextBoolean()) {
            buffer.order(ByteOrder.LITTLE_ENDIAN);
        }
        return buffer.position(before);
    }
}
