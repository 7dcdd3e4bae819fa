package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;

/**
 * The leading fields of an MPEG-4 AudioSpecificConfig (SPEC: ISO/IEC 14496-3 1.6.2.1), the
 * body of an AAC sequence header.
 *
 * @param objectType audioObjectType (2 AAC LC, 5 SBR/HE-AAC, 29 PS/HE-AACv2, ...)
 * @param sampleRate the core sampling frequency in Hz
 * @param channelConfiguration channelConfiguration (0: described by a program config element)
 * @param extensionSampleRate the SBR output sampling frequency for explicit SBR/PS signalling
 *     (object type 5 or 29), otherwise 0
 */
public record AudioSpecificConfig(int objectType, int sampleRate, int channelConfiguration,
        int extensionSampleRate) {

    private static final int[] SAMPLE_RATES = {
        96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350};
    private static final int OBJECT_TYPE_ESCAPE = 31;
    private static final int OBJECT_TYPE_SBR = 5;
    private static final int OBJECT_TYPE_PS = 29;
    private static final int FREQUENCY_INDEX_EXPLICIT = 15;

    /**
     * Parses the remaining bytes of {@code config} (its position is not changed).
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} when truncated or when a
     *     sampling frequency index is reserved
     */
    public static AudioSpecificConfig parse(ByteBuffer config) throws ProtocolException {
        BitReader r = new BitReader(config);
        int objectType = readObjectType(r);
        int sampleRate = readSampleRate(r);
        int channels = r.readInt(4);
        int extensionRate = 0;
        if (objectType == OBJECT_TYPE_SBR || objectType == OBJECT_TYPE_PS) {
            extensionRate = readSampleRate(r);
        }
        return new AudioSpecificConfig(objectType, sampleRate, channels, extensionRate);
    }

    private static int readObjectType(BitReader r) throws ProtocolException {
        int type = r.readInt(5);
        return type == OBJECT_TYPE_ESCAPE ? 32 + r.readInt(6) : type;
    }

    private static int readSampleRate(BitReader r) throws ProtocolException {
        int index = r.readInt(4);
        if (index == FREQUENCY_INDEX_EXPLICIT) {
            return r.readInt(24);
        }
        if (index >= SAMPLE_RATES.length) {
            throw new ProtocolException(ProtocolError.Code.BAD_MESSAGE,
                    "AudioSpecificConfig: reserved samplingFrequencyIndex=" + index);
        }
        return SAMPLE_RATES[index];
    }

    /**
     * Returns the channel count for channel configurations 1 to 7 (7 means 7.1, 8 channels;
     * SPEC: 14496-3 table 1.19), or 0 when the configuration is 0 or reserved.
     */
    public int channels() {
        if (channelConfiguration >= 1 && channelConfiguration <= 6) {
            return channelConfiguration;
        }
        return channelConfiguration == 7 ? 8 : 0;
    }

    /** Returns the RFC 6381 codec string, e.g. {@code mp4a.40.2}. */
    public String codecString() {
        return "mp4a.40." + objectType;
    }
}
