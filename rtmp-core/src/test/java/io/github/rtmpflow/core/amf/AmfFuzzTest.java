package io.github.rtmpflow.core.amf;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Arbitrary bytes give values or BAD_AMF, never another exception. In {@code verify} these run in
 * regression mode over the seeds in {@code src/test/resources/.../AmfFuzzTestInputs/} (the golden
 * vectors and real FFmpeg command bodies); {@code JAZZER_FUZZ=1} fuzzes for real.
 */
class AmfFuzzTest {
    /** Small limits so the fuzzer reaches every limit quickly. */
    private static final RtmpLimits SMALL = new RtmpLimits(4096, 4096, 8, 65_536, 8, 256, 64);
    private static final Amf0Reader DEFAULT_READER = new Amf0Reader(RtmpLimits.DEFAULTS);
    private static final Amf0Reader SMALL_READER = new Amf0Reader(SMALL);

    @FuzzTest
    void readAll(byte[] data) {
        readAllAndReencode(DEFAULT_READER, data);
        readAllAndReencode(SMALL_READER, data);
    }

    @FuzzTest
    void readAmf3(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        try {
            List<Amf3Value> values = new Amf3Reader(SMALL).readAll(in);
            assertThat(in.hasRemaining()).isFalse();
            for (Amf3Value value : values) {
                byte[] again = Amf3Writer.encode(value);
                assertThat(new Amf3Reader(RtmpLimits.DEFAULTS).read(ByteBuffer.wrap(again))).isEqualTo(value);
            }
        } catch (ProtocolException e) {
            assertThat(e.error().code()).isEqualTo(ProtocolError.Code.BAD_AMF);
            assertThat(in.position()).isZero();
        }
    }

    /**
     * Decodes, then checks that what was decoded encodes and decodes to an equal value (references
     * come back expanded, long strings may come back short: equality holds either way).
     */
    private static void readAllAndReencode(Amf0Reader reader, byte[] data) {
        ByteBuffer in = ByteBuffer.allocateDirect(data.length).put(data).flip();
        List<AmfValue> values;
        try {
            values = reader.readAll(in);
        } catch (ProtocolException e) {
            assertThat(e.error().code()).isEqualTo(ProtocolError.Code.BAD_AMF);
            assertThat(in.position()).isZero();
            return;
        }
        assertThat(in.hasRemaining()).isFalse();
        byte[] again;
        try {
            again = Amf0Writer.encode(values);
        } catch (IllegalArgumentException e) {
            // Malformed UTF-8 decodes to U+FFFD (3 bytes each), so a name near 65535 bytes may grow
            // past what a U16 length can carry; nothing else may stop the re-encoding.
            assertThat(e).hasMessageStartingWith("UTF-8 too long for a U16 length");
            return;
        }
        try {
            assertThat(new Amf0Reader(RtmpLimits.DEFAULTS).readAll(ByteBuffer.wrap(again))).isEqualTo(values);
        } catch (ProtocolException e) {
            throw new AssertionError("re-encoded value does not decode: " + e.error(), e);
        }
    }
}
