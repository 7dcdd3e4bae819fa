package io.github.rtmpflow.core.amf;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked big-endian reads for one read call, shared by the AMF0 and AMF3 parsers of that
 * call, plus the call's limits and reference-expansion budget. Every read checks the remaining
 * bytes first, so no {@link java.nio.BufferUnderflowException} can escape and nothing is
 * allocated for a length the buffer does not hold. Reads use single-byte gets, so the buffer's
 * byte order does not matter.
 */
final class AmfInput {

    /**
     * Deepest nesting the recursive parsers accept whatever {@link RtmpLimits#maxAmfDepth()} says.
     * A level costs up to five frames (about 1.5 KiB of stack while still interpreted), so 64
     * levels fit in any thread stack of 256 KiB or more; real encoders nest two or three deep.
     */
    static final int MAX_SUPPORTED_DEPTH = 64;

    private final ByteBuffer in;
    private final RtmpLimits limits;
    private final int maxDepth;
    private long expandedBytes;

    AmfInput(ByteBuffer in, RtmpLimits limits) {
        this.in = in;
        this.limits = limits;
        this.maxDepth = Math.min(limits.maxAmfDepth(), MAX_SUPPORTED_DEPTH);
    }

    RtmpLimits limits() {
        return limits;
    }

    int position() {
        return in.position();
    }

    boolean hasRemaining() {
        return in.hasRemaining();
    }

    int remaining() {
        return in.remaining();
    }

    /** Bytes added by resolved references so far (see {@link #addExpansion}). */
    long expandedBytes() {
        return expandedBytes;
    }

    /**
     * Charges a resolved reference with the encoded size of what it points at. References share
     * one immutable instance, but whoever walks the result (equals, toString, a consumer) pays
     * for every path; capping the sum at {@link RtmpLimits#maxMessageLength()} keeps a decoded
     * value at most about twice the size of the largest acceptable input.
     */
    void addExpansion(long weight, String what) throws ProtocolException {
        expandedBytes += weight;
        if (expandedBytes > limits.maxMessageLength()) {
            throw bad("references expand too far: what=" + what + " expandedBytes=" + expandedBytes
                    + " limit=" + limits.maxMessageLength());
        }
    }

    /** Fails when a composite at {@code depth} (top level composite = 1) is too deep. */
    void checkDepth(int depth, String what) throws ProtocolException {
        if (depth > maxDepth) {
            throw bad("nesting too deep: what=" + what + " depth=" + depth + " maxAmfDepth=" + maxDepth);
        }
    }

    /** Fails when {@code count} items of at least {@code minItemBytes} each cannot be there. */
    void checkCount(long count, int minItemBytes, String what) throws ProtocolException {
        if (count > limits.maxAmfElements()) {
            throw bad("too many elements: what=" + what + " count=" + count
                    + " maxAmfElements=" + limits.maxAmfElements());
        }
        require(count * minItemBytes, what);
    }

    /** Fails when an object or array already holds the most elements allowed. */
    void checkElements(int countSoFar, String what) throws ProtocolException {
        if (countSoFar >= limits.maxAmfElements()) {
            throw bad("too many elements: what=" + what + " count>" + countSoFar
                    + " maxAmfElements=" + limits.maxAmfElements());
        }
    }

    void require(long bytes, String what) throws ProtocolException {
        if (bytes > in.remaining()) {
            throw bad("truncated data: what=" + what + " need=" + bytes + " remaining=" + in.remaining()
                    + " offset=" + in.position());
        }
    }

    int u8(String what) throws ProtocolException {
        require(1, what);
        return in.get() & 0xFF;
    }

    int peekU8() {
        return in.get(in.position()) & 0xFF;
    }

    int u16(String what) throws ProtocolException {
        require(2, what);
        return ((in.get() & 0xFF) << 8) | (in.get() & 0xFF);
    }

    long u32(String what) throws ProtocolException {
        require(4, what);
        return ((long) (in.get() & 0xFF) << 24) | ((in.get() & 0xFF) << 16)
                | ((in.get() & 0xFF) << 8) | (in.get() & 0xFF);
    }

    double f64(String what) throws ProtocolException {
        require(8, what);
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits = (bits << 8) | (in.get() & 0xFF);
        }
        return Double.longBitsToDouble(bits);
    }

    /** SPEC (AMF3 1.3.1): U29, 1 to 4 bytes, 7 bits per byte with a continuation bit, 8 in the 4th. */
    int u29(String what) throws ProtocolException {
        int value = 0;
        for (int i = 0; i < 3; i++) {
            int b = u8(what);
            value = (value << 7) | (b & 0x7F);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        return (value << 8) | u8(what);
    }

    /**
     * Reads {@code length} bytes of UTF-8 after checking the string limit and the remaining bytes.
     * LENIENT: malformed UTF-8 becomes U+FFFD instead of failing, like the Flash player.
     */
    String utf8(long length, String what) throws ProtocolException {
        if (length > limits.maxAmfStringLength()) {
            throw bad("string too long: what=" + what + " length=" + length
                    + " maxAmfStringLength=" + limits.maxAmfStringLength());
        }
        require(length, what);
        int len = (int) length;
        if (len == 0) {
            return "";
        }
        String s;
        if (in.hasArray()) {
            s = new String(in.array(), in.arrayOffset() + in.position(), len, StandardCharsets.UTF_8);
            in.position(in.position() + len);
        } else {
            byte[] copy = new byte[len];
            in.get(copy);
            s = new String(copy, StandardCharsets.UTF_8);
        }
        return s;
    }

    /** Copies {@code length} bytes after checking the remaining bytes and the string limit. */
    byte[] bytes(long length, String what) throws ProtocolException {
        if (length > limits.maxAmfStringLength()) {
            throw bad("byte array too long: what=" + what + " length=" + length
                    + " maxAmfStringLength=" + limits.maxAmfStringLength());
        }
        require(length, what);
        byte[] copy = new byte[(int) length];
        in.get(copy);
        return copy;
    }

    static ProtocolException bad(String detail) {
        return new ProtocolException(ProtocolError.Code.BAD_AMF, detail);
    }
}
