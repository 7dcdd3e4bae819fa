package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An HEVCDecoderConfigurationRecord (SPEC: ISO/IEC 14496-15 8.3.3.1), the body of an H.265
 * sequence start, with the picture size from the first SPS in its arrays.
 *
 * @param generalProfileSpace general_profile_space
 * @param generalTierFlag general_tier_flag (false: Main tier)
 * @param generalProfileIdc general_profile_idc (1 Main, 2 Main 10, ...)
 * @param generalProfileCompatibilityFlags the 32 general_profile_compatibility_flags
 * @param generalConstraintIndicatorFlags the 48 constraint indicator bits
 * @param generalLevelIdc general_level_idc (30 times the level: 93 means level 3.1)
 * @param chromaFormatIdc chromaFormat (1 = 4:2:0)
 * @param bitDepthLuma luma bit depth
 * @param bitDepthChroma chroma bit depth
 * @param nalUnitLengthSize bytes in each NAL unit length prefix of the coded frames (1, 2 or 4)
 * @param arrays the parameter set arrays (VPS, SPS, PPS, SEI) in record order
 * @param sps the first SPS parsed
 */
public record HevcDecoderConfigurationRecord(int generalProfileSpace, boolean generalTierFlag,
        int generalProfileIdc, long generalProfileCompatibilityFlags, long generalConstraintIndicatorFlags,
        int generalLevelIdc, int chromaFormatIdc, int bitDepthLuma, int bitDepthChroma,
        int nalUnitLengthSize, List<NalArray> arrays, HevcSps sps) implements VideoDecoderConfiguration {

    /** NAL unit type of a video parameter set. */
    public static final int NAL_TYPE_VPS = 32;
    /** NAL unit type of a sequence parameter set. */
    public static final int NAL_TYPE_SPS = 33;
    /** NAL unit type of a picture parameter set. */
    public static final int NAL_TYPE_PPS = 34;

    /**
     * One array of NAL units of one type.
     *
     * @param complete array_completeness: all units of this type are in the array
     * @param nalUnitType the NAL unit type (32 VPS, 33 SPS, 34 PPS, 39/40 SEI)
     * @param nalUnits read-only views of the NAL units, sharing the record's bytes
     */
    public record NalArray(boolean complete, int nalUnitType, List<ByteBuffer> nalUnits) {
        /** Copies the list into an unmodifiable one. */
        public NalArray {
            nalUnits = List.copyOf(nalUnits);
        }
    }

    /** Copies the list into an unmodifiable one. */
    public HevcDecoderConfigurationRecord {
        arrays = List.copyOf(arrays);
    }

    /**
     * Parses the record from the remaining bytes of {@code record} (its position is not
     * changed). The NAL unit views share {@code record}'s content.
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} when the record is
     *     truncated, has another version than 1, has no SPS or an SPS that does not parse
     */
    public static HevcDecoderConfigurationRecord parse(ByteBuffer record) throws ProtocolException {
        ConfigBytes in = new ConfigBytes(record, "HEVCDecoderConfigurationRecord");
        int version = in.u8();
        if (version != 1) {
            throw in.error("unsupported configurationVersion=" + version);
        }
        int b = in.u8();
        int profileSpace = b >> 6;
        boolean tier = (b & 0x20) != 0;
        int profileIdc = b & 0x1F;
        long compatibility = in.u32AsInt() & 0xFFFF_FFFFL;
        long constraints = in.u48();
        int level = in.u8();
        in.skip(2); // min_spatial_segmentation_idc
        in.skip(1); // parallelismType
        int chroma = in.u8() & 0x03;
        int depthLuma = (in.u8() & 0x07) + 8;
        int depthChroma = (in.u8() & 0x07) + 8;
        in.skip(2); // avgFrameRate
        int lengthSize = (in.u8() & 0x03) + 1;
        if (lengthSize == 3) {
            throw in.error("lengthSizeMinusOne=2 is not allowed");
        }
        int numArrays = in.u8();
        List<NalArray> arrays = new ArrayList<>(numArrays);
        ByteBuffer firstSps = null;
        for (int i = 0; i < numArrays; i++) {
            int head = in.u8();
            int type = head & 0x3F;
            int count = in.u16();
            List<ByteBuffer> units = new ArrayList<>(Math.min(count, in.remaining() / 2));
            for (int n = 0; n < count; n++) {
                units.add(in.slice(in.u16()));
            }
            if (type == NAL_TYPE_SPS && firstSps == null && !units.isEmpty()) {
                firstSps = units.get(0);
            }
            arrays.add(new NalArray((head & 0x80) != 0, type, units));
        }
        if (firstSps == null) {
            throw in.error("no SPS");
        }
        return new HevcDecoderConfigurationRecord(profileSpace, tier, profileIdc, compatibility,
                constraints, level, chroma, depthLuma, depthChroma, lengthSize, arrays, HevcSps.parse(firstSps));
    }

    /** Returns {@link VideoCodec#HEVC}. */
    @Override
    public VideoCodec codec() {
        return VideoCodec.HEVC;
    }

    /** Returns the display width from the first SPS. */
    @Override
    public int width() {
        return sps.width();
    }

    /** Returns the display height from the first SPS. */
    @Override
    public int height() {
        return sps.height();
    }

    /** Returns the NAL units of {@code nalUnitType} from all arrays, in record order. */
    public List<ByteBuffer> nalUnits(int nalUnitType) {
        List<ByteBuffer> out = new ArrayList<>();
        for (NalArray array : arrays) {
            if (array.nalUnitType() == nalUnitType) {
                out.addAll(array.nalUnits());
            }
        }
        return out;
    }
}
