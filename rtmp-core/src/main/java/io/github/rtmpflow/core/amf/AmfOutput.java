package io.github.rtmpflow.core.amf;

import java.nio.ByteBuffer;

/** Big-endian writes that ignore the buffer's byte order, shared by the AMF0 and AMF3 writers. */
final class AmfOutput {
    /** Largest value a U29 can carry. */
    static final int U29_MAX = 0x1FFF_FFFF;

    private AmfOutput() {
    }

    static void u8(ByteBuffer out, int v) {
        out.put((byte) v);
    }

    static void u16(ByteBuffer out, int v) {
        out.put((byte) (v >>> 8));
        out.put((byte) v);
    }

    static void u32(ByteBuffer out, long v) {
        out.put((byte) (v >>> 24));
        out.put((byte) (v >>> 16));
        out.put((byte) (v >>> 8));
        out.put((byte) v);
    }

    static void f64(ByteBuffer out, double v) {
        long bits = Double.doubleToRawLongBits(v);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.put((byte) (bits >>> shift));
        }
    }

    /** SPEC (AMF3 1.3.1): 7 bits per byte with a continuation bit, all 8 bits in a 4th byte. */
    static void u29(ByteBuffer out, int v) {
        if (v < 0x80) {
            out.put((byte) v);
        } else if (v < 0x4000) {
            out.put((byte) (0x80 | (v >>> 7)));
            out.put((byte) (v & 0x7F));
        } else if (v < 0x20_0000) {
            out.put((byte) (0x80 | (v >>> 14)));
            out.put((byte) (0x80 | ((v >>> 7) & 0x7F)));
            out.put((byte) (v & 0x7F));
        } else {
            out.put((byte) (0x80 | (v >>> 22)));
            out.put((byte) (0x80 | ((v >>> 15) & 0x7F)));
            out.put((byte) (0x80 | ((v >>> 8) & 0x7F)));
            out.put((byte) v);
        }
    }

    static int u29Length(int v) {
        if (v < 0x80) {
            return 1;
        } else if (v < 0x4000) {
            return 2;
        } else if (v < 0x20_0000) {
            return 3;
        }
        return 4;
    }

    /** Returns {@code (count << 1) | 1}, the U29 of an inline length, or fails for too big a count. */
    static int inlineU29(long count, String what) {
        if (count > (U29_MAX >>> 1)) {
            throw new IllegalArgumentException("too long for a U29 length: what=" + what + " length=" + count);
        }
        return (int) ((count << 1) | 1);
    }

    static int checkedLength(long length, String what) {
        if (length > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("encoding too long: what=" + what + " length=" + length);
        }
        return (int) length;
    }
}
