package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The parsed header of an audio tag, legacy FLV or Enhanced RTMP (ExHeader: FourCC, ModEx,
 * multitrack, multichannel config), with a view of each track's codec data.
 *
 * @param exHeader true for an Enhanced RTMP tag (SoundFormat 9)
 * @param soundFormat the legacy SoundFormat (9 for enhanced tags)
 * @param soundRate the legacy SoundRate bits (0 5.5 kHz, 1 11 kHz, 2 22 kHz, 3 44 kHz; always
 *     3 for AAC, whose real rate is in its AudioSpecificConfig); 0 for enhanced tags
 * @param soundSize the legacy SoundSize bit (0 8-bit, 1 16-bit); 0 for enhanced tags
 * @param soundType the legacy SoundType bit (0 mono, 1 stereo); 0 for enhanced tags
 * @param packetType what the tag carries, after ModEx and multitrack signalling
 * @param timestampNanoOffset the ModEx TimestampOffsetNano in nanoseconds (0 when absent)
 * @param multitrackType the multitrack layout, or {@code null} for a tag without multitrack
 * @param tracks the tracks in wire order: one for single-track tags
 */
public record AudioTagHeader(boolean exHeader, int soundFormat, int soundRate, int soundSize, int soundType,
        AudioPacketType packetType, int timestampNanoOffset, AvMultitrackType multitrackType,
        List<AudioTrack> tracks) {

    private static final int SOUND_FORMAT_EX_HEADER = 9;
    private static final int PACKET_MULTITRACK = 5;
    private static final int PACKET_MOD_EX = 7;
    private static final int MOD_EX_TIMESTAMP_OFFSET_NANO = 0;
    private static final int[] LEGACY_RATES = {5512, 11025, 22050, 44100};

    /** Copies the list into an unmodifiable one. */
    public AudioTagHeader {
        tracks = List.copyOf(tracks);
    }

    /**
     * Parses the body of an audio tag.
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} when the body is empty
     *     (the silence message has no header), truncated, or uses a reserved packet type or
     *     multitrack type
     */
    public static AudioTagHeader parse(FlvTag tag) throws ProtocolException {
        if (!tag.isAudio()) {
            throw new IllegalArgumentException("not an audio tag: type=" + tag.type());
        }
        return parse(tag.payload());
    }

    /**
     * Parses the remaining bytes of an audio tag body; its position is not changed and the track
     * views share its content.
     *
     * @throws ProtocolException {@link ProtocolError.Code#BAD_MESSAGE} as {@link #parse(FlvTag)}
     */
    public static AudioTagHeader parse(ByteBuffer body) throws ProtocolException {
        ConfigBytes in = new ConfigBytes(body, "audio tag");
        int b0 = in.u8();
        int soundFormat = b0 >> 4;
        if (soundFormat == SOUND_FORMAT_EX_HEADER) {
            return parseEnhanced(in, b0 & 0x0F);
        }
        AudioCodec codec = AudioCodec.ofSoundFormat(soundFormat);
        AudioPacketType packetType = AudioPacketType.CODED_FRAMES;
        if (codec == AudioCodec.AAC) {
            int aacPacketType = in.u8();
            if (aacPacketType > 1) {
                throw in.error("reserved AACPacketType=" + aacPacketType);
            }
            packetType = AudioPacketType.of(aacPacketType);
        }
        AudioTrack track = new AudioTrack(0, codec, 0, in.rest());
        return new AudioTagHeader(false, soundFormat, (b0 >> 2) & 0x03, (b0 >> 1) & 0x01, b0 & 0x01,
                packetType, 0, null, List.of(track));
    }

    private static AudioTagHeader parseEnhanced(ConfigBytes in, int firstPacketType) throws ProtocolException {
        int packetType = firstPacketType;
        int nanoOffset = 0;
        while (packetType == PACKET_MOD_EX) {
            int size = in.u8() + 1;
            if (size == 256) {
                size = in.u16() + 1;
            }
            ByteBuffer modExData = in.slice(size);
            int next = in.u8();
            packetType = next & 0x0F;
            if (next >> 4 == MOD_EX_TIMESTAMP_OFFSET_NANO) {
                if (size < 3) {
                    throw in.error("TimestampOffsetNano needs 3 bytes: size=" + size);
                }
                nanoOffset = ((modExData.get(0) & 0xFF) << 16) | ((modExData.get(1) & 0xFF) << 8)
                        | (modExData.get(2) & 0xFF);
            }
            // LENIENT: unknown ModEx types are skipped; their data has a size.
        }
        AvMultitrackType multitrack = null;
        if (packetType == PACKET_MULTITRACK) {
            int b = in.u8();
            multitrack = AvMultitrackType.of(b >> 4);
            if (multitrack == null) {
                throw in.error("reserved AvMultitrackType=" + (b >> 4));
            }
            packetType = b & 0x0F;
        }
        AudioPacketType type = AudioPacketType.of(packetType);
        if (type == null) {
            throw in.error("reserved or nested AudioPacketType=" + packetType);
        }
        int fourCc = multitrack == AvMultitrackType.MANY_TRACKS_MANY_CODECS ? 0 : in.u32AsInt();
        List<AudioTrack> tracks = readTracks(in, multitrack, fourCc);
        return new AudioTagHeader(true, SOUND_FORMAT_EX_HEADER, 0, 0, 0, type, nanoOffset, multitrack, tracks);
    }

    private static List<AudioTrack> readTracks(ConfigBytes in, AvMultitrackType multitrack, int sharedFourCc)
            throws ProtocolException {
        if (multitrack == null) {
            return List.of(new AudioTrack(0, AudioCodec.ofFourCc(sharedFourCc), sharedFourCc, in.rest()));
        }
        List<AudioTrack> tracks = new ArrayList<>();
        do {
            int fourCc = multitrack == AvMultitrackType.MANY_TRACKS_MANY_CODECS ? in.u32AsInt() : sharedFourCc;
            int trackId = in.u8();
            int size = multitrack == AvMultitrackType.ONE_TRACK ? in.remaining() : in.u24();
            tracks.add(new AudioTrack(trackId, AudioCodec.ofFourCc(fourCc), fourCc, in.slice(size)));
        } while (multitrack != AvMultitrackType.ONE_TRACK && in.remaining() > 0);
        return tracks;
    }

    /** Returns the codec of the first track. */
    public AudioCodec codec() {
        return tracks.get(0).codec();
    }

    /** Returns true for a multitrack tag. */
    public boolean isMultitrack() {
        return multitrackType != null;
    }

    /**
     * Returns the legacy sample rate in Hz from the SoundRate bits (5512, 11025, 22050 or
     * 44100), or 0 for enhanced tags. For AAC the real rate is in the AudioSpecificConfig.
     */
    public int legacySampleRate() {
        return exHeader ? 0 : LEGACY_RATES[soundRate];
    }

    /** Returns 8 or 16 from the legacy SoundSize bit, or 0 for enhanced tags. */
    public int legacyBitsPerSample() {
        return exHeader ? 0 : (soundSize == 0 ? 8 : 16);
    }

    /** Returns 1 or 2 from the legacy SoundType bit, or 0 for enhanced tags. */
    public int legacyChannels() {
        return exHeader ? 0 : soundType + 1;
    }
}
