package io.github.rtmpflow.flv;

import java.nio.ByteBuffer;

/** Helpers for H.264/H.265 NAL units as carried in configuration records. */
final class NalUnits {
    private NalUnits() {
    }

    /**
     * Returns the RBSP of a NAL unit: its bytes with every emulation prevention byte removed
     * (SPEC: H.264 7.4.1 / H.265 7.4.2: 0x000003 becomes 0x0000). Copies into a new array,
     * which the caller owns; {@code nal}'s position is not changed.
     */
    static byte[] unescape(ByteBuffer nal) {
        int from = nal.position();
        int to = nal.limit();
        byte[] out = new byte[to - from];
        int length = 0;
        int zeros = 0;
        for (int i = from; i < to; i++) {
            byte b = nal.get(i);
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out[length++] = b;
        }
        if (length == out.length) {
            return out;
        }
        byte[] exact = new byte[length];
        System.arraycopy(out, 0, exact, 0, length);
        return exact;
    }
}
