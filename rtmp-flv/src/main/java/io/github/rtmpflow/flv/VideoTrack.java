package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;

/**
 * One video track of a video tag: the whole body of a single-track tag, or one track of an
 * Enhanced RTMP multitrack tag.
 *
 * @param trackId the track id (0 for tags without multitrack)
 * @param codec the codec
 * @param fourCc the FourCC on the wire, or 0 for legacy tags (kept for {@link VideoCodec#UNKNOWN})
 * @param compositionTime the composition time offset in milliseconds (0 when absent)
 * @param data read-only view of the track's codec data after all headers (configuration record,
 *     NAL units, OBUs, ...), sharing the tag's bytes; valid as long as the tag
 */
public record VideoTrack(int trackId, VideoCodec codec, int fourCc, int compositionTime, ByteBuffer data) {

    /**
     * Parses {@link #data()} as the decoder configuration record of {@link #codec()}: call it
     * on a {@link VideoPacketType#SEQUENCE_START} track. Returns {@code null} for codecs whose
     * record this library does not parse (VP8, VP9, VVC, legacy codecs).
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} when the record is malformed
     */
    public VideoDecoderConfiguration decoderConfiguration() throws ProtocolException {
        switch (codec) {
            case AVC:
                return AvcDecoderConfigurationRecord.parse(data);
            case HEVC:
                return HevcDecoderConfigurationRecord.parse(data);
            case AV1:
                return Av1CodecConfigurationRecord.parse(data);
            default:
                return null;
        }
    }
}
