package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.chunk.ChunkDecoder;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test helper: the messages of a captured client-to-server session (fixtures/README.md),
 * reassembled by the chunk decoder from the bytes after the 3073-byte handshake, fed whole, one
 * byte at a time or at seeded random split points.
 */
public final class FixtureMessages {
    /** C0 + C1 + C2. */
    public static final int HANDSHAKE_LENGTH = 1 + 1536 + 1536;

    /** Every client capture in src/test/resources/fixtures. */
    public static final List<String> CLIENT_CAPTURES = List.of(
            "ffmpeg_publish_c2s.bin", "gst_rtmp2sink_publish_c2s.bin", "gst_rtmpsink_librtmp_publish_c2s.bin",
            "obs29_publish_c2s.bin", "ffmpeg71_hevc_publish_c2s.bin", "ffmpeg71_av1_publish_c2s.bin");

    private FixtureMessages() {
    }

    /** Returns the bytes of fixture {@code name}. */
    public static byte[] bytes(String name) {
        try (InputStream in = FixtureMessages.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no such fixture: name=" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Decodes the messages of fixture {@code name}.
     *
     * @param splitSeed -1 to feed everything at once, 0 to feed one byte at a time, any other
     *     value to cut the input at random points drawn from {@code new Random(splitSeed)}
     */
    public static List<RawMessage> decode(String name, long splitSeed) {
        byte[] all = bytes(name);
        List<RawMessage> messages = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, messages::add);
        Random random = new Random(splitSeed);
        int offset = HANDSHAKE_LENGTH;
        while (offset < all.length) {
            int n;
            if (splitSeed == -1) {
                n = all.length - offset;
            } else if (splitSeed == 0) {
                n = 1;
            } else {
                n = 1 + (random.nextBoolean() ? random.nextInt(16) : random.nextInt(8192));
            }
            n = Math.min(n, all.length - offset);
            ByteBuffer piece = ByteBuffer.wrap(all, offset, n);
            decoder.feed(piece);
            if (decoder.failed()) {
                throw new AssertionError("chunk decoder failed on " + name + ": " + decoder.error());
            }
            offset += n;
        }
        return messages;
    }
}
