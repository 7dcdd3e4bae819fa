package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;

/**
 * The fields of an H.265 sequence parameter set that describe the picture, parsed up to the
 * bit depths (SPEC: H.265 7.3.2.2.1).
 *
 * @param profileIdc general_profile_idc (1 Main, 2 Main 10, ...)
 * @param tierFlag general_tier_flag (false: Main tier)
 * @param levelIdc general_level_idc (30 times the level: 93 means level 3.1)
 * @param chromaFormatIdc chroma_format_idc (1 = 4:2:0)
 * @param bitDepthLuma luma bit depth
 * @param bitDepthChroma chroma bit depth
 * @param width display width in luma samples, after the conformance window
 * @param height display height in luma samples, after the conformance window
 */
public record HevcSps(int profileIdc, boolean tierFlag, int levelIdc, int chromaFormatIdc,
        int bitDepthLuma, int bitDepthChroma, int width, int height) {

    private static final int NAL_TYPE_SPS = 33;
    private static final int PROFILE_BITS = 88;
    private static final int MAX_PICTURE_SIZE = 1 << 16;

    /**
     * Parses an SPS NAL unit (starting with its two-byte NAL header). Reads the remaining bytes
     * of {@code nal} without changing its position; keeps no reference to it.
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} when it is not an SPS
     *     or is truncated or out of range
     */
    public static HevcSps parse(ByteBuffer nal) throws ProtocolException {
        if (nal.remaining() < 2 || ((nal.get(nal.position()) >> 1) & 0x3F) != NAL_TYPE_SPS) {
            throw error("not an H.265 SPS NAL unit");
        }
        BitReader r = new BitReader(NalUnits.unescape(nal));
        r.skipBits(16);
        r.skipBits(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = r.readInt(3);
        r.skipBits(1); // sps_temporal_id_nesting_flag
        // profile_tier_level(1, sps_max_sub_layers_minus1), general part
        r.skipBits(2); // general_profile_space
        boolean tierFlag = r.readFlag();
        int profileIdc = r.readInt(5);
        r.skipBits(PROFILE_BITS - 8);
        int levelIdc = r.readInt(8);
        skipSubLayers(r, maxSubLayersMinus1);
        AvcSps.ueMax(r, 15, "sps_seq_parameter_set_id");
        int chromaFormatIdc = AvcSps.ueMax(r, 3, "chroma_format_idc");
        boolean separateColourPlane = chromaFormatIdc == 3 && r.readFlag();
        long width = AvcSps.ueMax(r, MAX_PICTURE_SIZE, "pic_width_in_luma_samples");
        long height = AvcSps.ueMax(r, MAX_PICTURE_SIZE, "pic_height_in_luma_samples");
        if (r.readFlag()) { // conformance_window_flag
            // SPEC: 7.4.3.2.1, offsets are in units of SubWidthC and SubHeightC
            int chromaArrayType = separateColourPlane ? 0 : chromaFormatIdc;
            int subWidthC = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
            int subHeightC = chromaArrayType == 1 ? 2 : 1;
            long left = r.readUe();
            long right = r.readUe();
            long top = r.readUe();
            long bottom = r.readUe();
            width -= subWidthC * (left + right);
            height -= subHeightC * (top + bottom);
        }
        int bitDepthLuma = 8 + AvcSps.ueMax(r, 8, "bit_depth_luma_minus8");
        int bitDepthChroma = 8 + AvcSps.ueMax(r, 8, "bit_depth_chroma_minus8");
        if (width <= 0 || height <= 0) {
            throw error("conformance window leaves no picture: width=" + width + ", height=" + height);
        }
        return new HevcSps(profileIdc, tierFlag, levelIdc, chromaFormatIdc, bitDepthLuma,
                bitDepthChroma, (int) width, (int) height);
    }

    private static void skipSubLayers(BitReader r, int maxSubLayersMinus1) throws ProtocolException {
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.readFlag();
            levelPresent[i] = r.readFlag();
        }
        if (maxSubLayersMinus1 > 0) {
            r.skipBits(2L * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (profilePresent[i]) {
                r.skipBits(PROFILE_BITS);
            }
            if (levelPresent[i]) {
                r.skipBits(8);
            }
        }
    }

    private static ProtocolException error(String detail) {
        return new ProtocolException(ProtocolError.Code.BAD_MESSAGE, detail);
    }
}
