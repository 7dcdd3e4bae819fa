package io.github.rtmpflow.benchmarks.load;

import java.nio.ByteBuffer;

/**
 * The send time a publisher writes into each video frame so that a player in the same machine
 * can measure publish-to-delivery latency: a 4-byte magic at payload offset {@link #OFFSET}
 * (inside the slice NAL unit's filler) and {@link System#nanoTime()} in 10 bytes of 7 bits
 * each with the top bit set, so the NAL unit never gains a zero byte. (On Linux nanoTime is
 * CLOCK_MONOTONIC, shared by all processes of the machine.)
 *
 * <p>The publisher stamps the encoded chunk bytes in its output buffer, not the shared payload:
 * it looks for the magic within the first bytes after the message's start ({@link #SEARCH_SPAN}),
 * which only the payload can hold: a chunk header would need a message length of at least
 * 0xF17E57 bytes or an extended timestamp of 0xF17E57A3 to contain it, and basic header 0xF1
 * (chunk stream 49) is not used. Needs an outgoing chunk size of at least {@link #END}.
 */
public final class LatencyStamp {

    /**
     * Offset of the magic in a video payload: after the 5-byte tag header, the NAL length, the
     * NAL header and the slice header (at most 4 bytes here), in the slice data.
     */
    static final int OFFSET = 16;
    /** Offset just after the stamp. */
    static final int END = OFFSET + 4 + 10;

    private static final int MAGIC = 0xF17E57A3;
    private static final int STAMP_BYTES = 10;
    private static final int BITS_PER_BYTE = 7;
    /** Longest chunk header (18) plus the payload bytes before the stamp's end. */
    private static final int SEARCH_SPAN = 18 + END;

    private LatencyStamp() {
    }

    /** Writes the magic and an empty stamp into a video payload being generated. */
    static void prepare(byte[] payload) {
        ByteBuffer.wrap(payload).putInt(OFFSET, MAGIC);
        for (int i = 0; i < STAMP_BYTES; i++) {
            payload[OFFSET + 4 + i] = (byte) 0x80;
        }
    }

    /**
     * Writes {@code nanos} into the encoded message that starts at {@code from} in {@code out}
     * (absolute puts; positions untouched).
     *
     * @return whether the magic was found (false for a frame without it)
     */
    static boolean stamp(ByteBuffer out, int from, int to, long nanos) {
        int last = Math.min(to - END + OFFSET, from + SEARCH_SPAN - 4);
        for (int i = from; i <= last; i++) {
            if (out.getInt(i) == MAGIC) {
                int p = i + 4;
                for (int b = STAMP_BYTES - 1; b >= 0; b--) {
                    out.put(p + b, (byte) (0x80 | nanos & 0x7F));
                    nanos >>>= BITS_PER_BYTE;
                }
                return true;
            }
        }
        return false;
    }

    /**
     * Reads the stamp of a received video payload (absolute gets).
     *
     * @return the sender's nanoTime, or -1 when the payload carries no stamp
     */
    public static long read(ByteBuffer payload) {
        if (payload.limit() < END || payload.getInt(OFFSET) != MAGIC) {
            return -1;
        }
        long nanos = 0;
        for (int i = 0; i < STAMP_BYTES; i++) {
            nanos = nanos << BITS_PER_BYTE | payload.get(OFFSET + 4 + i) & 0x7F;
        }
        return nanos;
    }
}
