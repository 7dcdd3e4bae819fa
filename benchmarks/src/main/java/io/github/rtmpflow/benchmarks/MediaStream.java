package io.github.rtmpflow.benchmarks;

import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A synthetic but realistic publish stream: H.264 at 30 fps and about 2.5 Mbit/s (a key frame
 * of about 60 KB every 2 s, other frames 4-14 KB) plus AAC at 48 kHz (about 47 frames/s of
 * 300-400 bytes), video on chunk stream 6 and audio on 4, message stream 1, as FFmpeg sends.
 */
final class MediaStream {

    private MediaStream() {
    }

    /** The messages of {@code seconds} of media, in sending order. */
    static List<RawMessage> messages(int seconds, long seed) {
        Random random = new Random(seed);
        List<RawMessage> messages = new ArrayList<>();
        int videoFrames = seconds * 30;
        double audioInterval = 1024_000.0 / 48_000; // ms per AAC frame
        int audioFrame = 0;
        for (int frame = 0; frame < videoFrames; frame++) {
            long videoTime = frame * 1000L / 30;
            while (audioFrame * audioInterval <= videoTime) {
                long audioTime = Math.round(audioFrame * audioInterval);
                messages.add(message(4, audioTime, MessageTypes.AUDIO, 300 + random.nextInt(100), random));
                audioFrame++;
            }
            int size = frame % 60 == 0 ? 55_000 + random.nextInt(10_000) : 4_000 + random.nextInt(10_000);
            messages.add(message(6, videoTime, MessageTypes.VIDEO, size, random));
        }
        return messages;
    }

    /** The chunk stream for {@code messages}: a Set Chunk Size to {@code chunkSize} first. */
    static byte[] encode(List<RawMessage> messages, int chunkSize) {
        ChunkEncoder encoder = new ChunkEncoder();
        List<ByteBuffer> parts = new ArrayList<>();
        parts.add(encoder.encode(RawMessage.of(2, 0, MessageTypes.SET_CHUNK_SIZE, 0,
                ByteBuffer.allocate(4).putInt(chunkSize).array())));
        int total = parts.get(0).remaining();
        for (RawMessage message : messages) {
            ByteBuffer encoded = encoder.encode(message);
            total += encoded.remaining();
            parts.add(encoded);
        }
        ByteBuffer wire = ByteBuffer.allocate(total);
        parts.forEach(wire::put);
        return wire.array();
    }

    /** Sum of the payload lengths. */
    static long payloadBytes(List<RawMessage> messages) {
        return messages.stream().mapToLong(RawMessage::length).sum();
    }

    private static RawMessage message(int chunkStreamId, long timestamp, int typeId, int length, Random random) {
        byte[] payload = new byte[length];
        random.nextBytes(payload);
        return RawMessage.of(chunkStreamId, timestamp, typeId, 1, payload);
    }
}
