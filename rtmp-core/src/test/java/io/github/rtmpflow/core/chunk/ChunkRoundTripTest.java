package io.github.rtmpflow.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * decode(encode(m)) == m for seeded random messages: random types, message stream ids,
 * timestamps (across 0xFFFFFF and 2^32), lengths (0 included) on chunk stream ids with all
 * three basic header forms, at chunk sizes 1, 128, 4096 and 65536, fed at random splits.
 */
class ChunkRoundTripTest {

    private static final int[] CHUNK_STREAM_IDS = {2, 3, 4, 5, 6, 8, 63, 64, 100, 319, 320, 1000, 65_599};
    private static final int[] MESSAGE_STREAM_IDS = {0, 1, 2, -1};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int chunkSize : new int[] {1, 128, 4096, 65_536}) {
            for (long seed = 1; seed <= 3; seed++) {
                cases.add(Arguments.of(chunkSize, seed));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "chunkSize={0} seed={1}")
    @MethodSource("cases")
    void shouldDecodeWhatTheEncoderWrote(int chunkSize, long seed) {
        Random random = new Random(seed);
        List<RawMessage> messages = new ArrayList<>();
        messages.add(setChunkSize(chunkSize));
        messages.addAll(randomMessages(random, chunkSize, true));
        ChunkEncoder encoder = new ChunkEncoder();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        Set<Integer> formats = new TreeSet<>();
        for (RawMessage message : messages) {
            int expected = encoder.encodedLength(message);
            ByteBuffer encoded = encoder.encode(message);
            assertThat(encoded.remaining()).as("encodedLength").isEqualTo(expected);
            formats.add((encoded.get(0) & 0xFF) >>> 6);
            wire.write(encoded.array(), 0, encoded.remaining());
        }
        assertThat(formats).as("header formats used").containsExactly(0, 1, 2, 3);

        Feeding.Result result = Feeding.randomSplits(seed).decode(wire.toByteArray());

        assertThat(result.error()).isNull();
        assertSameMessages(result.messages(), messages);
        assertThat(result.chunkSize()).isEqualTo(encoder.chunkSize());
    }

    @ParameterizedTest(name = "chunkSize={0} seed={1}")
    @MethodSource("cases")
    void shouldDecodeEncodedChunksInterleavedAcrossChunkStreams(int chunkSize, long seed) {
        Random random = new Random(seed * 31);
        List<RawMessage> messages = randomMessages(random, chunkSize, false);
        ChunkEncoder encoder = new ChunkEncoder();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(toArray(encoder.encode(setChunkSize(chunkSize))));
        Map<Integer, Deque<byte[]>> chunksByStream = new LinkedHashMap<>();
        for (RawMessage message : messages) {
            byte[] encoded = toArray(encoder.encode(message));
            chunksByStream.computeIfAbsent(message.chunkStreamId(), id -> new ArrayDeque<>())
                    .addAll(splitIntoChunks(encoded, message, chunkSize));
        }
        // Any order across chunk streams is legal as long as each stream keeps its own order.
        List<Deque<byte[]>> pending = new ArrayList<>(chunksByStream.values());
        while (!pending.isEmpty()) {
            Deque<byte[]> queue = pending.get(random.nextInt(pending.size()));
            wire.writeBytes(queue.removeFirst());
            if (queue.isEmpty()) {
                pending.remove(queue);
            }
        }

        for (Feeding feeding : List.of(Feeding.whole(), Feeding.randomSplits(seed))) {
            Feeding.Result result = feeding.decode(wire.toByteArray());

            assertThat(result.error()).isNull();
            Map<Integer, List<RawMessage>> actual = byStream(result.messages().subList(1, result.messages().size()));
            Map<Integer, List<RawMessage>> expected = byStream(messages);
            assertThat(actual.keySet()).isEqualTo(expected.keySet());
            expected.forEach((id, list) -> assertSameMessages(actual.get(id), list));
        }
    }

    /** Random messages; with {@code chunkSizeChanges}, some are Set Chunk Size messages. */
    private static List<RawMessage> randomMessages(Random random, int chunkSize, boolean chunkSizeChanges) {
        int count = chunkSize == 1 ? 120 : chunkSize > 4096 ? 100 : 300;
        int maxLength = chunkSize == 1 ? 300 : Math.min(3 * chunkSize + 7, 200_000);
        Map<Integer, Long> timestamps = new HashMap<>();
        timestamps.put(2, 0L); // the first Set Chunk Size went out at 0
        Map<Integer, Integer> messageStreamIds = new HashMap<>();
        Map<Integer, RawMessage> lastByStream = new HashMap<>();
        List<RawMessage> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (chunkSizeChanges && random.nextInt(40) == 0) {
                // On chunk stream 2, following that stream's timeline like any other message.
                long timestamp = nextTimestamp(random, timestamps.getOrDefault(2, 0L));
                timestamps.put(2, timestamp);
                int size = 1 + random.nextInt(chunkSize == 1 ? 16 : 2 * chunkSize);
                messages.add(RawMessage.of(2, timestamp, MessageTypes.SET_CHUNK_SIZE, 0,
                        ByteBuffer.allocate(4).putInt(size).array()));
                continue;
            }
            int chunkStreamId = CHUNK_STREAM_IDS[random.nextInt(CHUNK_STREAM_IDS.length)];
            long timestamp = nextTimestamp(random, timestamps.get(chunkStreamId));
            timestamps.put(chunkStreamId, timestamp);
            // Keep the message stream id stable per chunk stream most of the time, as real peers do.
            int messageStreamId = messageStreamIds.computeIfAbsent(chunkStreamId,
                    id -> MESSAGE_STREAM_IDS[random.nextInt(MESSAGE_STREAM_IDS.length)]);
            if (random.nextInt(20) == 0) {
                messageStreamId = MESSAGE_STREAM_IDS[random.nextInt(MESSAGE_STREAM_IDS.length)];
                messageStreamIds.put(chunkStreamId, messageStreamId);
            }
            int typeId = randomType(random);
            int length = random.nextInt(5) == 0 ? random.nextInt(4) : random.nextInt(maxLength + 1);
            RawMessage last = lastByStream.get(chunkStreamId);
            if (last != null && random.nextInt(3) == 0) {
                typeId = last.typeId(); // media-like: same type and length again (fmt 2 or 3)
                length = last.length();
            }
            byte[] payload = new byte[length];
            random.nextBytes(payload);
            RawMessage message = RawMessage.of(chunkStreamId, timestamp, typeId, messageStreamId, payload);
            lastByStream.put(chunkStreamId, message);
            messages.add(message);
        }
        return messages;
    }

    /** Timestamps one chunk stream's unwrapper can follow: steps within (-2^31, 2^31). */
    private static long nextTimestamp(Random random, Long previous) {
        if (previous == null) {
            long[] starts = {0, 1000, 0xFFFFFFL - 50, 0xFFFF_FFFFL - 60, random.nextLong() & 0xFFFF_FFFFL};
            return starts[random.nextInt(starts.length)];
        }
        int choice = random.nextInt(10);
        long step;
        if (choice < 3) {
            step = 0;
        } else if (choice < 4) {
            step = previous >= 50 ? -random.nextInt(50) : 0;
        } else if (choice < 5) {
            step = 0xFFFFFFL + random.nextInt(1000); // an extended delta
        } else if (choice < 6) {
            step = random.nextInt(Integer.MAX_VALUE); // up to 2^31 - 1
        } else {
            step = 20 + random.nextInt(3); // media-like: often the same delta again
        }
        return previous + step;
    }

    private static int randomType(Random random) {
        int[] common = {MessageTypes.AUDIO, MessageTypes.VIDEO, MessageTypes.DATA_AMF0, MessageTypes.COMMAND_AMF0,
            MessageTypes.USER_CONTROL, MessageTypes.ACKNOWLEDGEMENT, MessageTypes.AGGREGATE};
        if (random.nextInt(4) == 0) {
            int type;
            do {
                type = random.nextInt(256);
            } while (type == MessageTypes.SET_CHUNK_SIZE || type == MessageTypes.ABORT);
            return type;
        }
        return common[random.nextInt(common.length)];
    }

    private static RawMessage setChunkSize(int size) {
        return RawMessage.of(2, 0, MessageTypes.SET_CHUNK_SIZE, 0, ByteBuffer.allocate(4).putInt(size).array());
    }

    /**
     * Cuts one encoded message into its chunks. The first byte gives the fmt; whether the
     * header carries an extended timestamp follows from the total length.
     */
    private static List<byte[]> splitIntoChunks(byte[] encoded, RawMessage message, int chunkSize) {
        int fmt = (encoded[0] & 0xFF) >>> 6;
        int basic = message.chunkStreamId() < 64 ? 1 : message.chunkStreamId() < 320 ? 2 : 3;
        int length = message.length();
        int chunks = length == 0 ? 1 : (length + chunkSize - 1) / chunkSize;
        int extended = (encoded.length - length - basic * chunks - ChunkDecoder.MESSAGE_HEADER_LENGTH[fmt]) / chunks;
        assertThat(extended).isIn(0, 4);
        List<byte[]> result = new ArrayList<>();
        int offset = 0;
        int remaining = length;
        for (int i = 0; i < chunks; i++) {
            int header = basic + extended + (i == 0 ? ChunkDecoder.MESSAGE_HEADER_LENGTH[fmt] : 0);
            int size = header + Math.min(chunkSize, remaining);
            byte[] chunk = new byte[size];
            System.arraycopy(encoded, offset, chunk, 0, size);
            result.add(chunk);
            offset += size;
            remaining -= Math.min(chunkSize, remaining);
        }
        assertThat(offset).isEqualTo(encoded.length);
        return result;
    }

    /** Like containsExactlyElementsOf, but reports the first differing message and its index. */
    static void assertSameMessages(List<RawMessage> actual, List<RawMessage> expected) {
        for (int i = 0; i < Math.min(actual.size(), expected.size()); i++) {
            assertThat(actual.get(i)).as("message %d", i).isEqualTo(expected.get(i));
        }
        assertThat(actual).hasSameSizeAs(expected);
    }

    private static Map<Integer, List<RawMessage>> byStream(List<RawMessage> messages) {
        return messages.stream().collect(Collectors.groupingBy(RawMessage::chunkStreamId, Collectors.toList()));
    }

    private static byte[] toArray(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
