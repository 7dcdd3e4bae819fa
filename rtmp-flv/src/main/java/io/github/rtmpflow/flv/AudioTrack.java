package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;

/**
 * One audio track of an audio tag: the whole body of a single-track tag, or one track of an
 * Enhanced RTMP multitrack tag.
 *
 * @param trackId the track id (0 for tags without multitrack)
 * @param codec the codec
 * @param fourCc the FourCC on the wire, or 0 for legacy tags (kept for {@link AudioCodec#UNKNOWN})
 * @param data read-only view of the track's codec data after all headers (AudioSpecificConfig,
 *     raw AAC, Opus packets, ...), sharing the tag's bytes; valid as long as the tag
 */
public record AudioTrack(int trackId, AudioCodec codec, int fourCc, ByteBuffer data) {

    /**
     * Parses {@link #data()} as an AAC AudioSpecificConfig: call it on an AAC
     * {@link AudioPacketType#SEQUENCE_START} track.
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} when it is malformed
     * @throws IllegalStateException when the codec is not AAC
     */
    public AudioSpecificConfig audioSpecificConfig() throws ProtocolException {
        if (codec != AudioCodec.AAC) {
            throw new IllegalStateException("not an AAC track: codec=" + codec);
        }
        return AudioSpecificConfig.parse(data);
    }

    /**
     * Parses {@link #data()} as a multichannel configuration: call it on an
     * {@link AudioPacketType#MULTICHANNEL_CONFIG} track.
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} when it is malformed
     */
    public AudioMultichannelConfig multichannelConfig() throws ProtocolException {
        return AudioMultichannelConfig.parse(data);
    }
}
