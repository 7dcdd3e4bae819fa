package io.github.rtmpflow.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The chunk layer of real publish sessions (fixtures/README.md): every capture decodes
 * without error into exactly the messages an independent parser counted.
 */
class ChunkFixtureTest {

    /** C0 + C1 + C2. */
    private static final int HANDSHAKE_LENGTH = 1 + 1536 + 1536;

    static Stream<Arguments> captures() {
        // file, commands (20), data (18), video (9), audio (8), Set Chunk Size (1), Window Ack Size (5),
        // final chunk size, media duration in seconds
        Object[][] table = {
            {"ffmpeg_publish_c2s.bin", 7, 1, 92, 143, 1, 0, 4096, 3},
            {"gst_rtmp2sink_publish_c2s.bin", 7, 36, 92, 143, 1, 1, 128, 3},
            {"gst_rtmpsink_librtmp_publish_c2s.bin", 7, 37, 92, 143, 0, 0, 128, 3},
            {"obs29_publish_c2s.bin", 7, 1, 364, 564, 1, 0, 4096, 12},
            {"ffmpeg71_hevc_publish_c2s.bin", 7, 1, 92, 143, 1, 0, 65535, 3},
            {"ffmpeg71_av1_publish_c2s.bin", 7, 1, 92, 143, 1, 0, 65535, 3},
        };
        return Arrays.stream(table).flatMap(row -> Stream.of(Feeding.whole(), Feeding.byteByByte(), Feeding.randomSplits(7))
                .map(feeding -> Arguments.of(row[0], feeding, row)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("captures")
    void shouldDecodeRealCapturesIntoTheCountedMessages(String file, Feeding feeding, Object[] row) throws IOException {
        byte[] chunks = chunkLayerOf(file);

        Feeding.Result result = feeding.decode(chunks);

        assertThat(result.error()).isNull();
        assertThat(result.bytesConsumed()).isEqualTo(chunks.length);
        Map<Integer, Integer> counts = new TreeMap<>();
        for (RawMessage message : result.messages()) {
            counts.merge(message.typeId(), 1, Integer::sum);
        }
        assertThat(counts.getOrDefault(MessageTypes.COMMAND_AMF0, 0)).as("commands").isEqualTo(row[1]);
        assertThat(counts.getOrDefault(MessageTypes.DATA_AMF0, 0)).as("data").isEqualTo(row[2]);
        assertThat(counts.getOrDefault(MessageTypes.VIDEO, 0)).as("video").isEqualTo(row[3]);
        assertThat(counts.getOrDefault(MessageTypes.AUDIO, 0)).as("audio").isEqualTo(row[4]);
        assertThat(counts.getOrDefault(MessageTypes.SET_CHUNK_SIZE, 0)).as("set chunk size").isEqualTo(row[5]);
        assertThat(counts.getOrDefault(MessageTypes.WINDOW_ACKNOWLEDGEMENT_SIZE, 0)).as("window ack size").isEqualTo(row[6]);
        assertThat(result.chunkSize()).isEqualTo(row[7]);
        // Timestamps stay within the media's duration: a delta applied twice or lost would not.
        long durationMillis = 1000L * (Integer) row[8];
        assertThat(result.messages()).allSatisfy(message -> assertThat(message.timestamp()).isBetween(0L, durationMillis + 200));
        assertThat(result.messages().stream().mapToLong(RawMessage::timestamp).max().orElse(0))
                .isGreaterThan(durationMillis - 500);
    }

    static byte[] chunkLayerOf(String file) throws IOException {
        try (InputStream in = ChunkFixtureTest.class.getResourceAsStream("/fixtures/" + file)) {
            if (in == null) {
                throw new IOException("missing fixture: " + file);
            }
            byte[] all = in.readAllBytes();
            return Arrays.copyOfRange(all, HANDSHAKE_LENGTH, all.length);
        }
    }
}
