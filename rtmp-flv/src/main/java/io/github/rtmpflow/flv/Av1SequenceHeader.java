package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;

/**
 * The leading fields of an AV1 sequence header OBU, up to the maximum frame size
 * (SPEC: AV1 5.5.1 sequence_header_obu).
 *
 * @param seqProfile seq_profile (0 Main, 1 High, 2 Professional)
 * @param stillPicture still_picture
 * @param reducedStillPictureHeader reduced_still_picture_header
 * @param seqLevelIdx0 seq_level_idx[0] of the first operating point
 * @param seqTier0 seq_tier[0] of the first operating point
 * @param maxFrameWidth max_frame_width_minus_1 + 1
 * @param maxFrameHeight max_frame_height_minus_1 + 1
 */
public record Av1SequenceHeader(int seqProfile, boolean stillPicture, boolean reducedStillPictureHeader,
        int seqLevelIdx0, int seqTier0, int maxFrameWidth, int maxFrameHeight) {

    /** OBU type of a sequence header. */
    public static final int OBU_SEQUENCE_HEADER = 1;

    /**
     * Finds the first sequence header OBU among the OBUs in the remaining bytes of
     * {@code obus} (low overhead bitstream format, as in configOBUs and in coded frames) and
     * parses it. Returns {@code null} when there is none. The buffer's position is not changed.
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} when an OBU header or the
     *     sequence header is malformed or truncated
     */
    public static Av1SequenceHeader find(ByteBuffer obus) throws ProtocolException {
        ByteBuffer view = obus.duplicate();
        while (view.hasRemaining()) {
            BitReader header = new BitReader(view);
            if (header.readFlag()) {
                throw error("obu_forbidden_bit set");
            }
            int type = header.readInt(4);
            boolean extension = header.readFlag();
            boolean hasSize = header.readFlag();
            header.skipBits(1);
            if (extension) {
                header.skipBits(8);
            }
            long size = hasSize ? header.readLeb128() : (header.bitsLeft() >>> 3);
            int payloadStart = view.position() + (int) (header.bitPosition() >>> 3);
            if (size > view.limit() - payloadStart) {
                throw error("OBU larger than its container: obu_size=" + size);
            }
            int payloadEnd = payloadStart + (int) size;
            if (type == OBU_SEQUENCE_HEADER) {
                return parse(view.duplicate().position(payloadStart).limit(payloadEnd));
            }
            view.position(payloadEnd);
        }
        return null;
    }

    /** Parses a sequence_header_obu payload (the bytes after the OBU header and size). */
    public static Av1SequenceHeader parse(ByteBuffer payload) throws ProtocolException {
        BitReader r = new BitReader(payload);
        int profile = r.readInt(3);
        boolean still = r.readFlag();
        boolean reduced = r.readFlag();
        int level0;
        int tier0 = 0;
        if (reduced) {
            level0 = r.readInt(5);
        } else {
            boolean decoderModelInfo = false;
            int bufferDelayLength = 0;
            if (r.readFlag()) { // timing_info_present_flag
                r.skipBits(64); // num_units_in_display_tick, time_scale
                if (r.readFlag()) { // equal_picture_interval
                    r.readUvlc(); // num_ticks_per_picture_minus_1
                }
                decoderModelInfo = r.readFlag();
                if (decoderModelInfo) {
                    bufferDelayLength = r.readInt(5) + 1;
                    r.skipBits(32 + 5 + 5);
                }
            }
            boolean initialDisplayDelay = r.readFlag();
            int operatingPoints = r.readInt(5) + 1;
            level0 = -1;
            for (int i = 0; i < operatingPoints; i++) {
                r.skipBits(12); // operating_point_idc
                int level = r.readInt(5);
                int tier = level > 7 ? r.readInt(1) : 0;
                if (i == 0) {
                    level0 = level;
                    tier0 = tier;
                }
                if (decoderModelInfo && r.readFlag()) {
                    r.skipBits(2L * bufferDelayLength + 1); // operating_parameters_info
                }
                if (initialDisplayDelay && r.readFlag()) {
                    r.skipBits(4); // initial_display_delay_minus_1
                }
            }
        }
        int widthBits = r.readInt(4) + 1;
        int heightBits = r.readInt(4) + 1;
        long width = r.readBits(widthBits) + 1;
        long height = r.readBits(heightBits) + 1;
        return new Av1SequenceHeader(profile, still, reduced, level0, tier0, (int) width, (int) height);
    }

    private static ProtocolException error(String detail) {
        return new ProtocolException(ProtocolError.Code.BAD_MESSAGE, "AV1 OBU: " + detail);
    }
}
