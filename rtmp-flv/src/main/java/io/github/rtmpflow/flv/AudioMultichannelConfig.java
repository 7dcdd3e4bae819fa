package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;

/**
 * The Enhanced RTMP multichannel configuration of an audio track
 * (AudioPacketType.MultichannelConfig): channel order, count, and either a speaker per channel
 * or a mask of the speakers present.
 *
 * @param channelOrder 0 unspecified, 1 native (see {@link #channelFlags}), 2 custom (see
 *     {@link #channelMapping})
 * @param channelCount the number of channels
 * @param channelMapping for a custom order, the AudioChannel speaker of each channel in
 *     bitstream order as a read-only view sharing the tag's bytes; otherwise empty
 * @param channelFlags for the native order, the AudioChannelMask bits of the speakers present;
 *     otherwise 0
 */
public record AudioMultichannelConfig(int channelOrder, int channelCount, ByteBuffer channelMapping,
        int channelFlags) {

    /** Only the channel count is known. */
    public static final int ORDER_UNSPECIFIED = 0;
    /** Channels in AudioChannel order, present ones flagged in {@link #channelFlags()}. */
    public static final int ORDER_NATIVE = 1;
    /** An explicit speaker per channel in {@link #channelMapping()}. */
    public static final int ORDER_CUSTOM = 2;

    /**
     * Parses the remaining bytes of {@code data}; its position is not changed.
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} when truncated or the
     *     channel order is reserved
     */
    public static AudioMultichannelConfig parse(ByteBuffer data) throws ProtocolException {
        ConfigBytes in = new ConfigBytes(data, "audio multichannel config");
        int order = in.u8();
        int count = in.u8();
        switch (order) {
            case ORDER_UNSPECIFIED:
                return new AudioMultichannelConfig(order, count, ByteBuffer.allocate(0).asReadOnlyBuffer(), 0);
            case ORDER_NATIVE:
                return new AudioMultichannelConfig(order, count, ByteBuffer.allocate(0).asReadOnlyBuffer(),
                        in.u32AsInt());
            case ORDER_CUSTOM:
                return new AudioMultichannelConfig(order, count, in.slice(count), 0);
            default:
                throw in.error("reserved AudioChannelOrder=" + order);
        }
    }
}
