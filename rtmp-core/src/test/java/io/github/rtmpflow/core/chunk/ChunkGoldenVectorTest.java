package io.github.rtmpflow.core.chunk;

import static io.github.rtmpflow.core.chunk.GoldenVector.message;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One table of handwritten chunk streams drives both the decoder and the encoder. */
class ChunkGoldenVectorTest {

    static final List<GoldenVector> VECTORS = List.of(
            new GoldenVector("spec 5.3.2.1: audio messages with fmt 0, 2, 3, 3", """
                    03 0003E8 000020 08 39300000  #1   // fmt 0: timestamp 1000, length 32, audio, stream 12345
                    83 000014                     #2   // fmt 2: delta 20
                    C3                            #3   // fmt 3: delta 20 again
                    C3                            #4
                    """, List.of(
                    message(3, 1000, 8, 12345, 32, 0x10),
                    message(3, 1020, 8, 12345, 32, 0x20),
                    message(3, 1040, 8, 12345, 32, 0x30),
                    message(3, 1060, 8, 12345, 32, 0x40)), true),
            new GoldenVector("spec 5.3.2.2: a 307-byte video message in three chunks", """
                    04 0003E8 000133 09 3A300000  #1:0-128
                    C4                            #1:128-256
                    C4                            #1:256-307
                    """, List.of(message(4, 1000, 9, 12346, 307, 0)), true),
            new GoldenVector("extended timestamp repeated on fmt-3 chunks (FFmpeg, OBS, nginx-rtmp)", """
                    04 FFFFFF 0000C8 09 01000000 01000000  #1:0-128
                    C4 01000000                            #1:128-200
                    """, List.of(message(4, 0x0100_0000L, 9, 1, 200, 3)), true),
            new GoldenVector("extended timestamp not repeated on fmt-3 chunks (old librtmp)", """
                    04 FFFFFF 0000C8 09 01000000 01000000  #1:0-128
                    C4                                     #1:128-200
                    """, List.of(message(4, 0x0100_0000L, 9, 1, 200, 3)), false),
            new GoldenVector("extended timestamp not repeated, chunk payload shorter than 4 bytes", """
                    02 000000 000004 01 00000000           #1  // Set Chunk Size 2
                    04 FFFFFF 000005 09 01000000 01000000  #2:0-2
                    C4                                     #2:2-4
                    C4                                     #2:4-5
                    03 000000 000002 08 01000000           #3  // its first 3 bytes were peeked
                    """, List.of(
                    message(2, 0, 1, 0, "00000002"),
                    message(4, 0x0100_0000L, 9, 1, 5, 0x50),
                    message(3, 0, 8, 1, 2, 0x60)), false),
            new GoldenVector("extended timestamp as a fmt-1 delta, then fmt 3 with a repeated extended delta", """
                    04 000000 000002 08 01000000           #1
                    44 FFFFFF 000003 08 01000000           #2  // fmt 1: delta 0x1000000
                    C4 01000000                            #3  // fmt 3: same delta, extended field repeated
                    """, List.of(
                    message(4, 0, 8, 1, 2, 1),
                    message(4, 0x0100_0000L, 8, 1, 3, 2),
                    message(4, 0x0200_0000L, 8, 1, 3, 3)), true),
            new GoldenVector("fmt-3 new message after fmt 0 re-applies the fmt-0 timestamp (spec 5.3.1.2.4)", """
                    03 000028 000004 08 01000000  #1
                    C3                            #2
                    """, List.of(message(3, 40, 8, 1, 4, 1), message(3, 80, 8, 1, 4, 2)), false),
            new GoldenVector("2-byte and 3-byte basic headers", """
                    00 00     000001 000001 08 01000000  #1  // id 64
                    00 24     000002 000001 08 01000000  #2  // id 100
                    00 FF     000003 000001 08 01000000  #3  // id 319
                    01 00 01  000004 000001 08 01000000  #4  // id 320
                    01 50 01  000005 000001 08 01000000  #5  // id 400
                    01 FF FF  000006 000001 08 01000000  #6  // id 65599
                    C1 FF FF                             #7  // id 65599, fmt 3, delta 6 again
                    """, List.of(
                    message(64, 1, 8, 1, 1, 1),
                    message(100, 2, 8, 1, 1, 2),
                    message(319, 3, 8, 1, 1, 3),
                    message(320, 4, 8, 1, 1, 4),
                    message(400, 5, 8, 1, 1, 5),
                    message(65_599, 6, 8, 1, 1, 6),
                    message(65_599, 12, 8, 1, 1, 7)), false),
            new GoldenVector("3-byte basic header carrying a 2-byte id", """
                    01 00 00  000007 000002 08 01000000  #1  // id 64
                    """, List.of(message(64, 7, 8, 1, 2, 1)), false),
            new GoldenVector("Set Chunk Size applies from the next chunk on", """
                    02 000000 000004 01 00000000  #1  // Set Chunk Size 256
                    06 000000 00012C 09 01000000  #2:0-256
                    C6                            #2:256-300
                    """, List.of(message(2, 0, 1, 0, "00000100"), message(6, 0, 9, 1, 300, 9)), true),
            new GoldenVector("zero-length messages", """
                    03 000000 000000 12 01000000  // fmt 0, length 0
                    83 000000                     // fmt 2, delta 0
                    C3                            // fmt 3, delta 0 again
                    """, List.of(
                    message(3, 0, 18, 1, ""),
                    message(3, 0, 18, 1, ""),
                    message(3, 0, 18, 1, "")), true),
            new GoldenVector("interleaved chunk streams", """
                    06 000000 0000C8 09 01000000  #2:0-128   // video, first chunk
                    04 000000 00000A 08 01000000  #1         // audio, whole
                    C6                            #2:128-200 // video, rest
                    """, List.of(message(4, 0, 8, 1, 10, 1), message(6, 0, 9, 1, 200, 2)), false),
            new GoldenVector("Abort drops the partial message of the named chunk stream", """
                    06 000000 0000C8 09 01000000  ~128                 // partial video
                    02 000000 000004 02 00000000  #1                   // Abort chunk stream 6
                    06 00000A 000003 09 01000000  #2                   // a new message on 6
                    """, List.of(message(2, 0, 2, 0, "00000006"), message(6, 10, 9, 1, 3, 7)), false),
            new GoldenVector("fmt 1 on a fresh chunk stream 2 (librtmp's ping reply)", """
                    42 000000 000006 04  #1
                    """, List.of(message(2, 0, 4, 0, "000700000D0F")), false));

    static Stream<Arguments> decodings() {
        return VECTORS.stream().flatMap(vector -> Feeding.all()
                .map(feeding -> Arguments.of(Named.of(vector.name(), vector), feeding)));
    }

    static Stream<Arguments> encodable() {
        return VECTORS.stream().filter(GoldenVector::encodable).map(vector -> Arguments.of(Named.of(vector.name(), vector)));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("decodings")
    void shouldDecodeGoldenVector(GoldenVector vector, Feeding feeding) {
        byte[] wire = vector.bytes();

        Feeding.Result result = feeding.decode(wire);

        assertThat(result.error()).isNull();
        assertThat(result.messages()).containsExactlyElementsOf(vector.messages());
        assertThat(result.bytesConsumed()).isEqualTo(wire.length);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodable")
    void shouldEncodeGoldenVector(GoldenVector vector) {
        ChunkEncoder encoder = new ChunkEncoder();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (RawMessage message : vector.messages()) {
            ByteBuffer encoded = encoder.encode(message);
            out.write(encoded.array(), encoded.position(), encoded.remaining());
        }

        assertThat(out.toByteArray()).isEqualTo(vector.bytes());
    }
}
