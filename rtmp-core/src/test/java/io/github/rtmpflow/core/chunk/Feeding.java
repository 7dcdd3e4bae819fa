package io.github.rtmpflow.core.chunk;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.RtmpLimits;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * How a test hands bytes to a decoder: all at once, one byte at a time, or cut at seeded
 * random points. Every decoder test runs with each of {@link #all()}.
 */
final class Feeding {

    private static final int MAX_PIECE = 4096;

    private final String name;
    private final long seed;
    private final int mode;

    private Feeding(String name, int mode, long seed) {
        this.name = name;
        this.mode = mode;
        this.seed = seed;
    }

    static Feeding whole() {
        return new Feeding("whole", 0, 0);
    }

    static Feeding byteByByte() {
        return new Feeding("byte by byte", 1, 0);
    }

    static Feeding randomSplits(long seed) {
        return new Feeding("random splits seed=" + seed, 2, seed);
    }

    /** Whole, byte by byte, and three seeded random split patterns. */
    static Stream<Feeding> all() {
        return Stream.of(whole(), byteByByte(), randomSplits(1), randomSplits(42), randomSplits(20_240_601));
    }

    /** The input cut into the pieces this feeding hands over (materialised: small inputs only). */
    List<byte[]> pieces(byte[] data) {
        List<byte[]> pieces = new ArrayList<>();
        forEachPiece(data, in -> {
            byte[] piece = new byte[in.remaining()];
            in.get(piece);
            pieces.add(piece);
            return true;
        });
        return pieces;
    }

    /**
     * Hands {@code data} to {@code consumer} piece by piece, each in the same scratch buffer,
     * which is overwritten with garbage afterwards: a decoder that kept a reference to its
     * input would see the garbage. Stops when the consumer returns false.
     */
    void forEachPiece(byte[] data, Predicate<ByteBuffer> consumer) {
        Random random = new Random(seed);
        byte[] scratch = new byte[mode == 0 ? data.length : MAX_PIECE];
        int offset = 0;
        while (offset < data.length) {
            int n;
            if (mode == 0) {
                n = data.length;
            } else if (mode == 1) {
                n = 1;
            } else {
                // Mostly small pieces (split headers), sometimes large ones (many chunks at once).
                n = random.nextInt(4) == 0 ? 1 + random.nextInt(MAX_PIECE) : 1 + random.nextInt(24);
            }
            n = Math.min(n, data.length - offset);
            System.arraycopy(data, offset, scratch, 0, n);
            boolean more = consumer.test(ByteBuffer.wrap(scratch, 0, n));
            Arrays.fill(scratch, 0, n, (byte) 0x5A);
            offset += n;
            if (!more) {
                return;
            }
        }
    }

    /** Decodes {@code data} with a listener that never pauses; checks every piece is consumed. */
    Result decode(byte[] data, RtmpLimits limits) {
        List<RawMessage> messages = new ArrayList<>();
        ChunkDecoder decoder = new ChunkDecoder(limits, message -> messages.add(message));
        forEachPiece(data, in -> {
            decoder.feed(in);
            if (decoder.failed()) {
                return false;
            }
            if (in.hasRemaining()) {
                throw new AssertionError("decoder left input unconsumed without pausing or failing: " + this);
            }
            return true;
        });
        return new Result(messages, decoder.error(), decoder.bytesConsumed(), decoder.chunkSize());
    }

    Result decode(byte[] data) {
        return decode(data, RtmpLimits.DEFAULTS);
    }

    @Override
    public String toString() {
        return name;
    }

    /** What a decoder reported. */
    record Result(List<RawMessage> messages, ProtocolError error, long bytesConsumed, int chunkSize) {
    }
}
