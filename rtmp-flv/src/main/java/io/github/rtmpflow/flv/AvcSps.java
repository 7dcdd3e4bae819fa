package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;

/**
 * The fields of an H.264 sequence parameter set that describe the picture, parsed up to the
 * frame cropping (SPEC: H.264 7.3.2.1.1); VUI is not read.
 *
 * @param profileIdc profile_idc (66 baseline, 77 main, 100 high, ...)
 * @param constraintFlags the eight bits constraint_set0_flag..reserved_zero_2bits
 * @param levelIdc level_idc (31 means level 3.1)
 * @param chromaFormatIdc chroma_format_idc (1 = 4:2:0 when absent)
 * @param bitDepthLuma luma bit depth (8 when absent)
 * @param bitDepthChroma chroma bit depth (8 when absent)
 * @param frameMbsOnly frame_mbs_only_flag (false: interlaced coding is possible)
 * @param width display width in luma samples, after cropping
 * @param height display height in luma samples, after cropping
 */
public record AvcSps(int profileIdc, int constraintFlags, int levelIdc, int chromaFormatIdc,
        int bitDepthLuma, int bitDepthChroma, boolean frameMbsOnly, int width, int height) {

    private static final int NAL_TYPE_SPS = 7;

    /**
     * Parses an SPS NAL unit (starting with its one-byte NAL header). Reads the remaining bytes
     * of {@code nal} without changing its position; keeps no reference to it.
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} when it is not an SPS
     *     or is truncated or out of range
     */
    public static AvcSps parse(ByteBuffer nal) throws ProtocolException {
        if (!nal.hasRemaining() || (nal.get(nal.position()) & 0x1F) != NAL_TYPE_SPS) {
            throw error("not an H.264 SPS NAL unit");
        }
        BitReader r = new BitReader(NalUnits.unescape(nal));
        r.skipBits(8);
        int profileIdc = r.readInt(8);
        int constraintFlags = r.readInt(8);
        int levelIdc = r.readInt(8);
        ueMax(r, 31, "seq_parameter_set_id");
        int chromaFormatIdc = 1;
        boolean separateColourPlane = false;
        int bitDepthLuma = 8;
        int bitDepthChroma = 8;
        if (hasChromaInfo(profileIdc)) {
            chromaFormatIdc = ueMax(r, 3, "chroma_format_idc");
            if (chromaFormatIdc == 3) {
                separateColourPlane = r.readFlag();
            }
            bitDepthLuma = 8 + ueMax(r, 6, "bit_depth_luma_minus8");
            bitDepthChroma = 8 + ueMax(r, 6, "bit_depth_chroma_minus8");
            r.skipBits(1); // qpprime_y_zero_transform_bypass_flag
            if (r.readFlag()) { // seq_scaling_matrix_present_flag
                skipScalingLists(r, chromaFormatIdc != 3 ? 8 : 12);
            }
        }
        ueMax(r, 12, "log2_max_frame_num_minus4");
        skipPicOrderCount(r);
        ueMax(r, 16, "max_num_ref_frames");
        r.skipBits(1); // gaps_in_frame_num_value_allowed_flag
        int widthInMbs = ueMax(r, 1 << 16, "pic_width_in_mbs_minus1") + 1;
        int heightInMapUnits = ueMax(r, 1 << 16, "pic_height_in_map_units_minus1") + 1;
        boolean frameMbsOnly = r.readFlag();
        if (!frameMbsOnly) {
            r.skipBits(1); // mb_adaptive_frame_field_flag
        }
        r.skipBits(1); // direct_8x8_inference_flag
        long width = widthInMbs * 16L;
        long height = (frameMbsOnly ? 1 : 2) * heightInMapUnits * 16L;
        if (r.readFlag()) { // frame_cropping_flag
            // SPEC: 7.4.2.1.1, crop units depend on ChromaArrayType and frame_mbs_only_flag
            int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
            int cropUnitX = chromaArrayType == 0 ? 1 : (chromaArrayType == 3 ? 1 : 2);
            int cropUnitY = (chromaArrayType == 0 ? 1 : (chromaArrayType == 1 ? 2 : 1)) * (frameMbsOnly ? 1 : 2);
            long left = r.readUe();
            long right = r.readUe();
            long top = r.readUe();
            long bottom = r.readUe();
            width -= cropUnitX * (left + right);
            height -= cropUnitY * (top + bottom);
        }
        if (width <= 0 || height <= 0) {
            throw error("cropping leaves no picture: width=" + width + ", height=" + height);
        }
        return new AvcSps(profileIdc, constraintFlags, levelIdc, chromaFormatIdc, bitDepthLuma,
                bitDepthChroma, frameMbsOnly, (int) width, (int) height);
    }

    /** SPEC: 7.3.2.1.1, the profiles whose SPS carries chroma format, bit depths and scaling. */
    private static boolean hasChromaInfo(int profileIdc) {
        switch (profileIdc) {
            case 100: case 110: case 122: case 244: case 44: case 83: case 86: case 118:
            case 128: case 138: case 139: case 134: case 135:
                return true;
            default:
                return false;
        }
    }

    private static void skipScalingLists(BitReader r, int count) throws ProtocolException {
        for (int i = 0; i < count; i++) {
            if (r.readFlag()) { // seq_scaling_list_present_flag[i]
                int size = i < 6 ? 16 : 64;
                int lastScale = 8;
                int nextScale = 8;
                for (int j = 0; j < size && nextScale != 0; j++) {
                    int delta = r.readSe();
                    if (delta < -128 || delta > 127) {
                        throw error("delta_scale out of range: delta_scale=" + delta);
                    }
                    nextScale = (lastScale + delta + 256) % 256;
                    lastScale = nextScale == 0 ? lastScale : nextScale;
                }
            }
        }
    }

    private static void skipPicOrderCount(BitReader r) throws ProtocolException {
        int picOrderCntType = ueMax(r, 2, "pic_order_cnt_type");
        if (picOrderCntType == 0) {
            ueMax(r, 12, "log2_max_pic_order_cnt_lsb_minus4");
        } else if (picOrderCntType == 1) {
            r.skipBits(1); // delta_pic_order_always_zero_flag
            r.readSe(); // offset_for_non_ref_pic
            r.readSe(); // offset_for_top_to_bottom_field
            int cycle = ueMax(r, 255, "num_ref_frames_in_pic_order_cnt_cycle");
            for (int i = 0; i < cycle; i++) {
                r.readSe(); // offset_for_ref_frame[i]
            }
        }
    }

    static int ueMax(BitReader r, int max, String name) throws ProtocolException {
        int value = r.readUe();
        if (value > max) {
            throw error(name + " out of range: " + name + "=" + value);
        }
        return value;
    }

    private static ProtocolException error(String detail) {
        return new ProtocolException(ProtocolError.Code.BAD_MESSAGE, detail);
    }
}
