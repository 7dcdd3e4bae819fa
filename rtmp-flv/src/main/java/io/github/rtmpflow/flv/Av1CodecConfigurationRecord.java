package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;

/**
 * An AV1CodecConfigurationRecord (SPEC: AV1 ISOBMFF binding 2.3.3, "av1C"), the body of an
 * AV1 sequence start, with the sequence header from its configOBUs when present.
 *
 * @param seqProfile seq_profile
 * @param seqLevelIdx0 seq_level_idx_0
 * @param seqTier0 seq_tier_0
 * @param highBitdepth high_bitdepth
 * @param twelveBit twelve_bit
 * @param monochrome monochrome
 * @param chromaSubsamplingX chroma_subsampling_x
 * @param chromaSubsamplingY chroma_subsampling_y
 * @param chromaSamplePosition chroma_sample_position
 * @param initialPresentationDelay initial_presentation_delay_minus_one + 1, or 0 when absent
 * @param configObus read-only view of the configOBUs, sharing the record's bytes (may be empty)
 * @param sequenceHeader the sequence header found in configOBUs, or {@code null}
 */
public record Av1CodecConfigurationRecord(int seqProfile, int seqLevelIdx0, int seqTier0,
        boolean highBitdepth, boolean twelveBit, boolean monochrome, int chromaSubsamplingX,
        int chromaSubsamplingY, int chromaSamplePosition, int initialPresentationDelay,
        ByteBuffer configObus, Av1SequenceHeader sequenceHeader) implements VideoDecoderConfiguration {

    /**
     * Parses the record from the remaining bytes of {@code record} (its position is not
     * changed).
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} when the record is
     *     truncated, its marker or version is not 1, or its configOBUs are malformed
     */
    public static Av1CodecConfigurationRecord parse(ByteBuffer record) throws ProtocolException {
        ConfigBytes in = new ConfigBytes(record, "AV1CodecConfigurationRecord");
        int b0 = in.u8();
        if (b0 != 0x81) {
            throw in.error("marker and version must be 1: byte=0x" + Integer.toHexString(b0));
        }
        int b1 = in.u8();
        int b2 = in.u8();
        int b3 = in.u8();
        int delay = (b3 & 0x10) != 0 ? (b3 & 0x0F) + 1 : 0;
        ByteBuffer obus = in.rest();
        return new Av1CodecConfigurationRecord(b1 >> 5, b1 & 0x1F, b2 >> 7, (b2 & 0x40) != 0,
                (b2 & 0x20) != 0, (b2 & 0x10) != 0, (b2 >> 3) & 1, (b2 >> 2) & 1, b2 & 0x03, delay,
                obus, Av1SequenceHeader.find(obus));
    }

    /** Returns the bit depth: 8, 10 or 12. */
    public int bitDepth() {
        return highBitdepth ? (twelveBit ? 12 : 10) : 8;
    }

    /** Returns {@link VideoCodec#AV1}. */
    @Override
    public VideoCodec codec() {
        return VideoCodec.AV1;
    }

    /** Returns the maximum frame width from the sequence header, or 0 without one. */
    @Override
    public int width() {
        return sequenceHeader == null ? 0 : sequenceHeader.maxFrameWidth();
    }

    /** Returns the maximum frame height from the sequence header, or 0 without one. */
    @Override
    public int height() {
        return sequenceHeader == null ? 0 : sequenceHeader.maxFrameHeight();
    }
}
