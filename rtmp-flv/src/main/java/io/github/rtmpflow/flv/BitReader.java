package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;

/**
 * Reads bit fields most significant bit first, with the exp-Golomb codes of H.264/H.265 and
 * the uvlc/leb128 codes of AV1. Reading past the end throws a {@link ProtocolException}
 * ({@link ProtocolError.Code#BAD_MESSAGE}), so a truncated or hostile header never reads
 * outside its bytes.
 *
 * <p>The reader uses absolute gets on the buffer it is given and never changes the buffer's
 * position; the caller keeps ownership and must not modify the bytes while reading.
 */
final class BitReader {
    private final ByteBuffer buffer;
    private final int start;
    private final int limit;
    private long bitPosition;

    /** Reads the remaining bytes of {@code buffer} (position to limit). */
    BitReader(ByteBuffer buffer) {
        this.buffer = buffer;
        this.start = buffer.position();
        this.limit = buffer.limit();
    }

    /** Reads all of {@code bytes}. */
    BitReader(byte[] bytes) {
        this(ByteBuffer.wrap(bytes));
    }

    /** Returns the number of bits not read yet. */
    long bitsLeft() {
        return (long) (limit - start) * 8 - bitPosition;
    }

    /** Returns the number of bits read so far. */
    long bitPosition() {
        return bitPosition;
    }

    /** Reads one bit as a boolean. */
    boolean readFlag() throws ProtocolException {
        return readBits(1) != 0;
    }

    /** Reads {@code count} bits (0 to 32) as an unsigned value. */
    long readBits(int count) throws ProtocolException {
        if (count < 0 || count > 32) {
            throw new IllegalArgumentException("bit count out of range: count=" + count);
        }
        require(count);
        long value = 0;
        for (int i = 0; i < count; i++) {
            int index = start + (int) (bitPosition >>> 3);
            int bit = (buffer.get(index) >> (7 - (int) (bitPosition & 7))) & 1;
            value = (value << 1) | bit;
            bitPosition++;
        }
        return value;
    }

    /** Reads {@code count} bits (0 to 31) as an int. */
    int readInt(int count) throws ProtocolException {
        if (count > 31) {
            throw new IllegalArgumentException("bit count out of range for int: count=" + count);
        }
        return (int) readBits(count);
    }

    /** Skips {@code count} bits. */
    void skipBits(long count) throws ProtocolException {
        if (count < 0) {
            throw new IllegalArgumentException("negative skip: count=" + count);
        }
        require(count);
        bitPosition += count;
    }

    /** Reads an unsigned exp-Golomb code, ue(v); values above 2^31 - 2 are rejected. */
    int readUe() throws ProtocolException {
        int leadingZeros = 0;
        while (!readFlag()) {
            leadingZeros++;
            if (leadingZeros > 30) {
                throw error("exp-Golomb code too long: leadingZeros=" + leadingZeros);
            }
        }
        return (int) ((1L << leadingZeros) - 1 + readBits(leadingZeros));
    }

    /** Reads a signed exp-Golomb code, se(v). */
    int readSe() throws ProtocolException {
        int k = readUe();
        return (k & 1) != 0 ? (k + 1) / 2 : -(k / 2);
    }

    /** Reads an AV1 uvlc() code; 32 or more leading zeros give 2^32 - 1 as AV1 specifies. */
    long readUvlc() throws ProtocolException {
        int leadingZeros = 0;
        while (!readFlag()) {
            leadingZeros++;
            if (leadingZeros >= 32) {
                // SPEC: AV1 4.10.3, uvlc() returns (1 << 32) - 1 once 32 zeros are seen
                return 0xFFFF_FFFFL;
            }
        }
        return (1L << leadingZeros) - 1 + readBits(leadingZeros);
    }

    /** Reads an AV1 leb128() from a byte boundary; at most 8 bytes, value below 2^32. */
    long readLeb128() throws ProtocolException {
        if ((bitPosition & 7) != 0) {
            throw new IllegalStateException("leb128 not at a byte boundary: bitPosition=" + bitPosition);
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            int b = (int) readBits(8);
            value |= (long) (b & 0x7F) << (i * 7);
            if ((b & 0x80) == 0) {
                if (value > 0xFFFF_FFFFL) {
                    throw error("leb128 value too large: value=" + value);
                }
                return value;
            }
        }
        throw error("leb128 longer than 8 bytes");
    }

    private void require(long count) throws ProtocolException {
        if (count > bitsLeft()) {
            throw error("bitstream truncated: need=" + count + " bits, left=" + bitsLeft());
        }
    }

    private static ProtocolException error(String detail) {
        return new ProtocolException(ProtocolError.Code.BAD_MESSAGE, detail);
    }
}
