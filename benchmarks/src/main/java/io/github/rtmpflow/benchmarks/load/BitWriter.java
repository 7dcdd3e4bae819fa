package io.github.rtmpflow.benchmarks.load;

import java.io.ByteArrayOutputStream;

/**
 * Writes an H.264 RBSP bit by bit (SPEC: H.264 7.2 and 9.1: fixed-width fields and Exp-Golomb
 * codes, most significant bit first), for building parameter sets once at start-up.
 */
final class BitWriter {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private int current;
    private int bitCount;

    /** Writes the low {@code width} bits of {@code value}, most significant first. */
    BitWriter bits(long value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            bit((int) (value >>> i) & 1);
        }
        return this;
    }

    /** Writes one flag bit. */
    BitWriter flag(boolean value) {
        return bit(value ? 1 : 0);
    }

    /** Writes {@code value} as ue(v), SPEC: H.264 9.1. */
    BitWriter ue(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("ue(v) needs a non-negative value: value=" + value);
        }
        long codeNum = value + 1L;
        int width = 64 - Long.numberOfLeadingZeros(codeNum);
        bits(0, width - 1);
        return bits(codeNum, width);
    }

    /** Writes {@code value} as se(v), SPEC: H.264 9.1.1 (k > 0 maps to 2k - 1, k <= 0 to -2k). */
    BitWriter se(int value) {
        return ue(value > 0 ? 2 * value - 1 : -2 * value);
    }

    /** Ends the RBSP: rbsp_stop_one_bit and zero bits up to the byte boundary (SPEC: 7.3.2.11). */
    byte[] finishRbsp() {
        bit(1);
        while (bitCount != 0) {
            bit(0);
        }
        return bytes.toByteArray();
    }

    /** Pads with one bits up to the byte boundary (cabac_alignment_one_bit, SPEC: 7.3.4). */
    byte[] finishWithOnes() {
        while (bitCount != 0) {
            bit(1);
        }
        return bytes.toByteArray();
    }

    /** Pads with zero bits up to the byte boundary. */
    byte[] finishWithZeros() {
        while (bitCount != 0) {
            bit(0);
        }
        return bytes.toByteArray();
    }

    /** Returns the number of bits written so far. */
    long bitLength() {
        return bytes.size() * (long) Byte.SIZE + bitCount;
    }

    private BitWriter bit(int b) {
        current = current << 1 | b;
        bitCount++;
        if (bitCount == Byte.SIZE) {
            bytes.write(current);
            current = 0;
            bitCount = 0;
        }
        return this;
    }
}
