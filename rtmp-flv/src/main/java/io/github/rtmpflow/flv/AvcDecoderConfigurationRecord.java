package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * An AVCDecoderConfigurationRecord (SPEC: ISO/IEC 14496-15 5.3.3.1), the body of an H.264
 * sequence header, with the picture size from its first SPS.
 *
 * @param profileIndication AVCProfileIndication (same as the SPS profile_idc)
 * @param profileCompatibility profile_compatibility (the SPS constraint flags)
 * @param levelIndication AVCLevelIndication (31 means level 3.1)
 * @param nalUnitLengthSize bytes in each NAL unit length prefix of the coded frames (1, 2 or 4)
 * @param sequenceParameterSets read-only views of the SPS NAL units, sharing the tag's bytes
 * @param pictureParameterSets read-only views of the PPS NAL units, sharing the tag's bytes
 * @param sps the first SPS parsed
 */
public record AvcDecoderConfigurationRecord(int profileIndication, int profileCompatibility,
        int levelIndication, int nalUnitLengthSize, List<ByteBuffer> sequenceParameterSets,
        List<ByteBuffer> pictureParameterSets, AvcSps sps) implements VideoDecoderConfiguration {

    /** Copies the lists into unmodifiable ones. */
    public AvcDecoderConfigurationRecord {
        sequenceParameterSets = List.copyOf(sequenceParameterSets);
        pictureParameterSets = List.copyOf(pictureParameterSets);
    }

    /**
     * Parses the record from the remaining bytes of {@code record} (its position is not
     * changed). The NAL unit views share {@code record}'s content, so they are valid as long as
     * that content is (for a tag body: as long as the tag).
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} when the record is
     *     truncated, has another version than 1, has no SPS or an SPS that does not parse
     */
    public static AvcDecoderConfigurationRecord parse(ByteBuffer record) throws ProtocolException {
        ConfigBytes in = new ConfigBytes(record, "AVCDecoderConfigurationRecord");
        int version = in.u8();
        if (version != 1) {
            throw in.error("unsupported configurationVersion=" + version);
        }
        int profile = in.u8();
        int compatibility = in.u8();
        int level = in.u8();
        int lengthSize = (in.u8() & 0x03) + 1;
        if (lengthSize == 3) {
            throw in.error("lengthSizeMinusOne=2 is not allowed");
        }
        List<ByteBuffer> sps = readNalUnits(in, in.u8() & 0x1F);
        List<ByteBuffer> pps = readNalUnits(in, in.u8());
        // LENIENT: the high-profile extension (chroma_format, bit depths, SPS extensions) is
        // optional in practice and not needed: the SPS carries the same facts.
        if (sps.isEmpty()) {
            throw in.error("no SPS");
        }
        return new AvcDecoderConfigurationRecord(profile, compatibility, level, lengthSize, sps, pps,
                AvcSps.parse(sps.get(0)));
    }

    private static List<ByteBuffer> readNalUnits(ConfigBytes in, int count) throws ProtocolException {
        List<ByteBuffer> units = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            units.add(in.slice(in.u16()));
        }
        return units;
    }

    /** Returns {@link VideoCodec#AVC}. */
    @Override
    public VideoCodec codec() {
        return VideoCodec.AVC;
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

    /** Returns the RFC 6381 codec string, e.g. {@code avc1.64001f}. */
    public String codecString() {
        return String.format("avc1.%02x%02x%02x", profileIndication, profileCompatibility, levelIndication);
    }
}
