package io.github.rtmpflow.core.handshake;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * How a test cuts its input into the slices it feeds: whole, one byte at a time, or at split
 * points drawn from a seeded {@link Random}.
 *
 * @param name what the test report shows
 * @param seed the seed of the split points; unused by the fixed kinds
 */
record Split(String name, long seed) {

    /** The whole input in one slice. */
    static final Split WHOLE = new Split("whole", -1);

    /** One byte per slice. */
    static final Split BYTE_BY_BYTE = new Split("byte-by-byte", -2);

    /** Whole, byte by byte, and four seeded random splits. */
    static Stream<Split> all() {
        return Stream.concat(Stream.of(WHOLE, BYTE_BY_BYTE), LongStream.rangeClosed(1, 4).mapToObj(Split::random));
    }

    /** Splits at points drawn from {@code new Random(seed)}. */
    static Split random(long seed) {
        return new Split("random-" + seed, seed);
    }

    /** Returns the exclusive end offsets of consecutive slices covering {@code length} bytes. */
    int[] ends(int length) {
        if (this.equals(WHOLE)) {
            return new int[] {length};
        }
        if (this.equals(BYTE_BY_BYTE)) {
            int[] ends = new int[length];
            for (int i = 0; i < length; i++) {
                ends[i] = i + 1;
            }
            return ends;
        }
        Random random = new Random(seed);
        int[] ends = new int[length];
        int count = 0;
        int at = 0;
        while (at < length) {
            // Mostly short slices, sometimes longer than a whole handshake packet.
            int size = random.nextInt(4) == 0 ? 1 + random.nextInt(2000) : 1 + random.nextInt(40);
            at = Math.min(length, at + size);
            ends[count++] = at;
        }
        return Arrays.copyOf(ends, count);
    }

    @Override
    public String toString() {
        return name;
    }
}
