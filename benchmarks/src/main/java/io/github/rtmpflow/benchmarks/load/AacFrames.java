package io.github.rtmpflow.benchmarks.load;

/**
 * Decodable AAC-LC stereo frames of any size: silence plus fill data (SPEC: ISO/IEC 14496-3
 * 4.4.2.1 raw_data_block, 4.4.2.1 channel_pair_element, 4.4.2.7 individual_channel_stream with
 * max_sfb 0, 4.4.2.1 fill_element with EXT_FILL payload), so players decode silence and the
 * bit rate is the one asked for.
 */
final class AacFrames {

    private static final int ID_CPE = 1;
    private static final int ID_FIL = 6;
    private static final int ID_END = 7;
    private static final int MAX_SHORT_FILL = 14;
    private static final int MAX_FILL = 15 + 255 - 1;
    private static final int FILL_BYTE = 0xA5;

    private AacFrames() {
    }

    /**
     * Returns one raw AAC frame (no ADTS header) of exactly {@code length} bytes.
     *
     * @param length at least 8 bytes
     */
    static byte[] silentFrame(int length) {
        if (length < 8) {
            throw new IllegalArgumentException("AAC frame too short: length=" + length);
        }
        BitWriter w = new BitWriter()
                .bits(ID_CPE, 3)
                .bits(0, 4) // element_instance_tag
                .flag(false); // common_window: each channel has its own ics_info
        silentChannel(w);
        silentChannel(w);
        long target = (long) length * Byte.SIZE - 3; // room left before ID_END
        while (true) {
            long room = target - w.bitLength();
            // FIL header: 3 + 4 bits, plus 8 escape bits when count >= 15.
            long count = Math.min(MAX_FILL, (room - 7) / Byte.SIZE);
            if (count >= 15) {
                count = Math.min(MAX_FILL, (room - 15) / Byte.SIZE);
            }
            if (count < 1) {
                break;
            }
            fill(w, (int) count);
        }
        w.bits(ID_END, 3);
        byte[] frame = w.finishWithZeros();
        // Whole bytes left over (at most one) stay zero: decoders stop at ID_END.
        return frame.length == length ? frame : java.util.Arrays.copyOf(frame, length);
    }

    /** individual_channel_stream(common_window 0) with no scale factor bands: silence. */
    private static void silentChannel(BitWriter w) {
        w.bits(100, 8) // global_gain, irrelevant without bands
                .flag(false) // ics_reserved_bit
                .bits(0, 2) // window_sequence ONLY_LONG_SEQUENCE
                .flag(false) // window_shape
                .bits(0, 6) // max_sfb: no section, scale factor or spectral data follows
                .flag(false) // predictor_data_present
                .flag(false) // pulse_data_present
                .flag(false) // tns_data_present
                .flag(false); // gain_control_data_present
    }

    /** fill_element of {@code count} bytes: one EXT_FILL extension_payload. */
    private static void fill(BitWriter w, int count) {
        w.bits(ID_FIL, 3);
        if (count <= MAX_SHORT_FILL) {
            w.bits(count, 4);
        } else {
            w.bits(15, 4).bits(count - 15 + 1, 8); // count = 15 + esc_count - 1
        }
        w.bits(0, 4) // extension_type EXT_FILL
                .bits(0, 4); // fill_nibble
        for (int i = 0; i < count - 1; i++) {
            w.bits(FILL_BYTE, 8);
        }
    }
}
