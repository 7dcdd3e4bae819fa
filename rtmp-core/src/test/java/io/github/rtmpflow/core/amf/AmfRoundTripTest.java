package io.github.rtmpflow.core.amf;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** decode(encode(v)) == v for random values of every type, with seeded generators. */
class AmfRoundTripTest {
    private static final int MAX_DEPTH = 6;

    static LongStream seeds() {
        return LongStream.range(0, 200);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void shouldRoundTripRandomAmf0Values(long seed) throws ProtocolException {
        AmfValueGenerator generator = new AmfValueGenerator(seed, MAX_DEPTH);
        List<AmfValue> values = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            values.add(generator.amf0(0));
        }

        byte[] bytes = Amf0Writer.encode(values);

        assertThat(bytes).hasSize(values.stream().mapToInt(Amf0Writer::encodedLength).sum());
        ByteBuffer in = ByteBuffer.wrap(bytes);
        assertThat(new Amf0Reader(RtmpLimits.DEFAULTS).readAll(in)).isEqualTo(values);
        assertThat(in.hasRemaining()).isFalse();
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void shouldRoundTripRandomAmf3Values(long seed) throws ProtocolException {
        Amf3Value value = new AmfValueGenerator(seed, MAX_DEPTH).amf3(0);

        byte[] bytes = Amf3Writer.encode(value);

        assertThat(bytes).hasSize(Amf3Writer.encodedLength(value));
        ByteBuffer in = ByteBuffer.wrap(bytes);
        assertThat(new Amf3Reader(RtmpLimits.DEFAULTS).read(in)).isEqualTo(value);
        assertThat(in.hasRemaining()).isFalse();
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void shouldWriteExactlyEncodedLengthAtAnyPosition(long seed) {
        AmfValue value = new AmfValueGenerator(seed, MAX_DEPTH).amf0(0);
        int length = Amf0Writer.encodedLength(value);
        ByteBuffer out = ByteBuffer.allocate(length + 10).position(5);

        Amf0Writer.write(value, out);

        assertThat(out.position()).isEqualTo(5 + length);
        byte[] written = new byte[length];
        out.get(5, written);
        assertThat(written).isEqualTo(Amf0Writer.encode(value));
    }
}
