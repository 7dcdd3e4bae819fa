package io.github.rtmpflow.flv;

import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Random;

/** Readable channels over a byte array that hand out the bytes in small pieces. */
final class TestChannels {
    private TestChannels() {
    }

    /** A channel that returns one byte per read. */
    static ReadableByteChannel oneByteAtATime(byte[] data) {
        return new Pieces(data, null, 1);
    }

    /** A channel that returns between 1 and {@code maxPiece} bytes per read, seeded. */
    static ReadableByteChannel randomPieces(byte[] data, long seed, int maxPiece) {
        return new Pieces(data, new Random(seed), maxPiece);
    }

    /** A channel that returns as much as fits per read. */
    static ReadableByteChannel whole(byte[] data) {
        return new Pieces(data, null, Integer.MAX_VALUE);
    }

    private static final class Pieces implements ReadableByteChannel {
        private final byte[] data;
        private final Random random;
        private final int maxPiece;
        private int position;
        private boolean open = true;

        Pieces(byte[] data, Random random, int maxPiece) {
            this.data = data;
            this.random = random;
            this.maxPiece = maxPiece;
        }

        @Override
        public int read(ByteBuffer dst) {
            if (position == data.length) {
                return -1;
            }
            int piece = random == null ? maxPiece : 1 + random.nextInt(maxPiece);
            int n = Math.min(Math.min(piece, dst.remaining()), data.length - position);
            dst.put(data, position, n);
            position += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
