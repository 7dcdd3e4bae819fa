package io.github.rtmpflow.benchmarks.load;

import java.io.ByteArrayOutputStream;

/**
 * A High-profile H.264 SPS and PPS for a progressive 4:2:0 8-bit picture of any even size, and
 * the AVCDecoderConfigurationRecord that carries them, built from the syntax of H.264 7.3.2.1
 * and 7.3.2.2 and ISO/IEC 14496-15 5.3.3.1. Decoders and parsers accept them as they would
 * x264's: the SPS names the picture size, frame rate (VUI timing) and one reference frame;
 * the PPS selects CABAC and the 8x8 transform.
 *
 * <p>Immutable; the arrays handed out are copies.
 */
final class H264ParameterSets {

    private static final int PROFILE_HIGH = 100;
    private static final int NAL_SPS = 0x67; // nal_ref_idc 3, nal_unit_type 7
    private static final int NAL_PPS = 0x68; // nal_ref_idc 3, nal_unit_type 8
    private static final int MACROBLOCK = 16;
    /** 4-byte NAL unit length prefixes in the coded frames (lengthSizeMinusOne = 3). */
    static final int NAL_LENGTH_SIZE = 4;

    private final byte[] sps;
    private final byte[] pps;

    private H264ParameterSets(byte[] sps, byte[] pps) {
        this.sps = sps;
        this.pps = pps;
    }

    /**
     * Builds the parameter sets.
     *
     * @param width picture width in pixels, even, 16..8192
     * @param height picture height in pixels, even, 16..8192
     * @param fps frames per second written into the VUI timing information
     */
    static H264ParameterSets highProfile(int width, int height, int fps) {
        if (width < MACROBLOCK || height < MACROBLOCK || width > 8192 || height > 8192
                || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("picture size must be even and within 16..8192: width="
                    + width + " height=" + height);
        }
        int level = level(width, height, fps);
        return new H264ParameterSets(nal(NAL_SPS, buildSps(width, height, fps, level)), nal(NAL_PPS, buildPps()));
    }

    /** Returns the SPS NAL unit (header byte included, emulation prevention applied). */
    byte[] sps() {
        return sps.clone();
    }

    /** Returns the PPS NAL unit (header byte included, emulation prevention applied). */
    byte[] pps() {
        return pps.clone();
    }

    /** Returns the AVCDecoderConfigurationRecord (the body of the sequence header after its 5 bytes). */
    byte[] decoderConfigurationRecord() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1); // configurationVersion
        out.write(sps[1]); // AVCProfileIndication
        out.write(sps[2]); // profile_compatibility
        out.write(sps[3]); // AVCLevelIndication
        out.write(0xFC | (NAL_LENGTH_SIZE - 1)); // reserved 6 bits, lengthSizeMinusOne
        out.write(0xE0 | 1); // reserved 3 bits, numOfSequenceParameterSets
        writeWithLength(out, sps);
        out.write(1); // numOfPictureParameterSets
        writeWithLength(out, pps);
        // SPEC: 14496-15 5.3.3.1.2 the extension for profiles 100, 110, 122, 144.
        out.write(0xFC | 1); // reserved 6 bits, chroma_format 4:2:0
        out.write(0xF8); // reserved 5 bits, bit_depth_luma_minus8 0
        out.write(0xF8); // reserved 5 bits, bit_depth_chroma_minus8 0
        out.write(0); // numOfSequenceParameterSetExt
        return out.toByteArray();
    }

    private static byte[] buildSps(int width, int height, int fps, int level) {
        int widthInMbs = (width + MACROBLOCK - 1) / MACROBLOCK;
        int heightInMbs = (height + MACROBLOCK - 1) / MACROBLOCK;
        // SPEC: 7.4.2.1.1 crop units are 2 luma samples both ways for 4:2:0 frames.
        int cropRight = (widthInMbs * MACROBLOCK - width) / 2;
        int cropBottom = (heightInMbs * MACROBLOCK - height) / 2;
        BitWriter w = new BitWriter()
                .bits(PROFILE_HIGH, 8)
                .bits(0, 8) // constraint_set flags, reserved_zero_2bits
                .bits(level, 8)
                .ue(0) // seq_parameter_set_id
                .ue(1) // chroma_format_idc 4:2:0
                .ue(0) // bit_depth_luma_minus8
                .ue(0) // bit_depth_chroma_minus8
                .flag(false) // qpprime_y_zero_transform_bypass_flag
                .flag(false) // seq_scaling_matrix_present_flag
                .ue(4) // log2_max_frame_num_minus4: frame_num wraps at 256
                .ue(2) // pic_order_cnt_type 2: output order = decoding order, no B-frames
                .ue(1) // max_num_ref_frames
                .flag(false) // gaps_in_frame_num_value_allowed_flag
                .ue(widthInMbs - 1)
                .ue(heightInMbs - 1) // pic_height_in_map_units_minus1 (frame_mbs_only)
                .flag(true) // frame_mbs_only_flag
                .flag(true); // direct_8x8_inference_flag
        boolean cropping = cropRight != 0 || cropBottom != 0;
        w.flag(cropping);
        if (cropping) {
            w.ue(0).ue(cropRight).ue(0).ue(cropBottom);
        }
        w.flag(true) // vui_parameters_present_flag
                .flag(false) // aspect_ratio_info_present_flag
                .flag(false) // overscan_info_present_flag
                .flag(false) // video_signal_type_present_flag
                .flag(false) // chroma_loc_info_present_flag
                .flag(true) // timing_info_present_flag
                .bits(1, 32) // num_units_in_tick
                .bits(2L * fps, 32) // time_scale: two ticks per frame (SPEC: E.2.1)
                .flag(true) // fixed_frame_rate_flag
                .flag(false) // nal_hrd_parameters_present_flag
                .flag(false) // vcl_hrd_parameters_present_flag
                .flag(false) // pic_struct_present_flag
                .flag(false); // bitstream_restriction_flag
        return w.finishRbsp();
    }

    private static byte[] buildPps() {
        return new BitWriter()
                .ue(0) // pic_parameter_set_id
                .ue(0) // seq_parameter_set_id
                .flag(true) // entropy_coding_mode_flag: CABAC, as High profile encoders use
                .flag(false) // bottom_field_pic_order_in_frame_present_flag
                .ue(0) // num_slice_groups_minus1
                .ue(0) // num_ref_idx_l0_default_active_minus1
                .ue(0) // num_ref_idx_l1_default_active_minus1
                .flag(false) // weighted_pred_flag
                .bits(0, 2) // weighted_bipred_idc
                .se(0) // pic_init_qp_minus26
                .se(0) // pic_init_qs_minus26
                .se(0) // chroma_qp_index_offset
                .flag(true) // deblocking_filter_control_present_flag
                .flag(false) // constrained_intra_pred_flag
                .flag(false) // redundant_pic_cnt_present_flag
                .flag(true) // transform_8x8_mode_flag (High profile)
                .flag(false) // pic_scaling_matrix_present_flag
                .se(0) // second_chroma_qp_index_offset
                .finishRbsp();
    }

    /**
     * Returns the header of the only slice of frame {@code frameNum} of a GOP, byte-aligned as
     * the CABAC slice data that follows must be (SPEC: 7.3.3 for this SPS and PPS): an IDR I
     * slice for frame 0, a P slice referencing the previous frame otherwise. Every frame is a
     * reference frame (nal_ref_idc 3), so frame_num counts frames modulo 256.
     */
    static byte[] sliceHeader(int frameNum) {
        boolean idr = frameNum == 0;
        BitWriter w = new BitWriter()
                .ue(0) // first_mb_in_slice
                .ue(idr ? 7 : 5) // slice_type: I or P, all slices of the picture alike
                .ue(0) // pic_parameter_set_id
                .bits(frameNum % 256, 8); // frame_num, log2_max_frame_num = 8
        if (idr) {
            w.ue(0); // idr_pic_id
        } else {
            w.flag(false) // num_ref_idx_active_override_flag
                    .flag(false); // ref_pic_list_modification_flag_l0
        }
        // dec_ref_pic_marking: no_output_of_prior_pics + long_term_reference, or adaptive flag
        w.bits(0, idr ? 2 : 1);
        if (!idr) {
            w.ue(0); // cabac_init_idc
        }
        return w.se(0) // slice_qp_delta
                .ue(0) // disable_deblocking_filter_idc
                .se(0) // slice_alpha_c0_offset_div2
                .se(0) // slice_beta_offset_div2
                .finishWithOnes();
    }

    /** The smallest level of Table A-1 whose frame size and macroblock rate admit the picture. */
    private static int level(int width, int height, int fps) {
        long frameMbs = (long) ((width + 15) / 16) * ((height + 15) / 16);
        long mbRate = frameMbs * fps;
        int[][] table = { // level_idc, MaxFS, MaxMBPS
            {30, 1620, 40_500}, {31, 3600, 108_000}, {32, 5120, 216_000}, {40, 8192, 245_760},
            {42, 8704, 522_240}, {50, 22_080, 589_824}, {51, 36_864, 983_040}, {52, 36_864, 2_073_600},
        };
        for (int[] row : table) {
            if (frameMbs <= row[1] && mbRate <= row[2]) {
                return row[0];
            }
        }
        return 52;
    }

    /** Prepends the NAL header byte and inserts emulation prevention bytes (SPEC: 7.4.1). */
    private static byte[] nal(int header, byte[] rbsp) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(rbsp.length + 8);
        out.write(header);
        int zeros = 0;
        for (byte b : rbsp) {
            if (zeros == 2 && (b & 0xFF) <= 3) {
                out.write(3);
                zeros = 0;
            }
            out.write(b);
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    private static void writeWithLength(ByteArrayOutputStream out, byte[] nal) {
        out.write(nal.length >>> 8);
        out.write(nal.length);
        out.write(nal, 0, nal.length);
    }
}
