package io.github.rtmpflow.server.testing;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.TagType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Enhanced RTMP tag bodies written by hand from enhanced-rtmp-v2 (ExVideoTagHeader,
 * ExAudioTagHeader, AvMultitrackType, ModEx), for the layouts no available encoder emits:
 * multitrack, ModEx, Opus/FLAC/AC-3/E-AC-3 audio, AVC in enhanced form and legacy codec id 12
 * HEVC. Where they wrap real codec data, it comes from the FFmpeg captures.
 */
public final class EnhancedTags {
    private static final HexFormat HEX = HexFormat.of();

    /** Video: ExHeader bit. */
    public static final int IS_EX_HEADER = 0x80;
    /** VideoPacketType.Multitrack. */
    public static final int VIDEO_MULTITRACK = 6;
    /** AudioPacketType.Multitrack. */
    public static final int AUDIO_MULTITRACK = 5;
    /** Video and audio PacketType.ModEx. */
    public static final int MOD_EX = 7;
    /** AvMultitrackType.ManyTracks. */
    public static final int MANY_TRACKS = 1;
    /** AvMultitrackType.ManyTracksManyCodecs. */
    public static final int MANY_TRACKS_MANY_CODECS = 2;
    /** SoundFormat 9: ExHeader. */
    public static final int AUDIO_EX_HEADER = 0x90;

    /**
     * An Opus identification header (RFC 7845 5.1): "OpusHead", version 1, 2 channels, pre-skip
     * 312, 48000 Hz, gain 0, mapping family 0.
     */
    public static final byte[] OPUS_HEAD = HEX.parseHex("4f707573486561640102380180bb0000000000");
    /**
     * A FLAC STREAMINFO block body (34 bytes): block sizes 4608, frame sizes unknown, 48000 Hz,
     * 1 channel, 16 bits, 48000 samples, MD5 zero.
     */
    public static final byte[] FLAC_STREAMINFO = HEX.parseHex(
            "1200120000000000000bb800f000bb8000000000000000000000000000000000" + "0000");

    private EnhancedTags() {
    }

    /** Returns the body of a tag as an array. */
    public static byte[] bytes(FlvTag tag) {
        ByteBuffer b = tag.payload();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    /** Returns the FourCC's four bytes. */
    public static byte[] fourCc(String code) {
        return code.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Rewrites a single-track enhanced video tag (packet types 0 to 3) into a ManyTracks tag that
     * carries its content twice, as tracks 0 and 1 (two renditions of one picture).
     */
    public static FlvTag twoTracks(FlvTag tag) {
        byte[] b = bytes(tag);
        int packetType = b[0] & 0x0F;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((b[0] & 0xF0) | VIDEO_MULTITRACK);
        out.write((MANY_TRACKS << 4) | packetType);
        out.write(b, 1, 4); // the FourCC, shared
        for (int trackId = 0; trackId < 2; trackId++) {
            out.write(trackId);
            writeU24(out, b.length - 5);
            out.write(b, 5, b.length - 5);
        }
        return FlvTag.of(TagType.VIDEO, tag.timestamp(), ByteBuffer.wrap(out.toByteArray()));
    }

    /**
     * Rewrites a single-track enhanced video tag (packet types 0 to 3) into a OneTrack tag of
     * track {@code trackId} (as OBS sends each rendition of one picture in its own tag).
     */
    public static FlvTag oneTrack(FlvTag tag, int trackId) {
        byte[] b = bytes(tag);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((b[0] & 0xF0) | VIDEO_MULTITRACK);
        out.write(b[0] & 0x0F); // OneTrack (0) | packet type
        out.write(b, 1, 4);
        out.write(trackId);
        out.write(b, 5, b.length - 5);
        return FlvTag.of(TagType.VIDEO, tag.timestamp(), ByteBuffer.wrap(out.toByteArray()));
    }

    /**
     * Puts a ModEx TimestampOffsetNano block (3 bytes, {@code nanos}) in front of the packet type
     * of an enhanced video or audio tag: byte 0 says ModEx, the block follows, then a byte with
     * ModExType 0 and the original packet type.
     */
    public static FlvTag withNanoOffset(FlvTag tag, int nanos) {
        byte[] b = bytes(tag);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((b[0] & 0xF0) | MOD_EX);
        out.write(3 - 1); // size - 1
        writeU24(out, nanos);
        out.write(b[0] & 0x0F); // ModExType TimestampOffsetNano (0) | packet type
        out.write(b, 1, b.length - 1);
        return FlvTag.of(tag.type(), tag.timestamp(), ByteBuffer.wrap(out.toByteArray()));
    }

    /** Converts a legacy AAC tag (0xAF, AACPacketType, data) into the enhanced mp4a form. */
    public static FlvTag aacAsMp4a(FlvTag legacy) {
        byte[] b = bytes(legacy);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(AUDIO_EX_HEADER | b[1]); // SequenceStart (0) or CodedFrames (1)
        out.writeBytes(fourCc("mp4a"));
        out.write(b, 2, b.length - 2);
        return FlvTag.of(TagType.AUDIO, legacy.timestamp(), ByteBuffer.wrap(out.toByteArray()));
    }

    /**
     * Converts a legacy AVC tag (FrameType|7, AVCPacketType, SI24 composition time, data) into
     * the enhanced avc1 form: SequenceStart with the record, CodedFrames with the composition
     * time, SequenceEnd with nothing.
     */
    public static FlvTag avcAsAvc1(FlvTag legacy) {
        byte[] b = bytes(legacy);
        int frameType = (b[0] & 0xF0) >> 4;
        int avcPacketType = b[1];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(IS_EX_HEADER | (frameType << 4) | avcPacketType);
        out.writeBytes(fourCc("avc1"));
        if (avcPacketType == 0) {
            out.write(b, 5, b.length - 5);
        } else if (avcPacketType == 1) {
            out.write(b, 2, b.length - 2);
        }
        return FlvTag.of(TagType.VIDEO, legacy.timestamp(), ByteBuffer.wrap(out.toByteArray()));
    }

    /**
     * Converts an enhanced hvc1 tag into the legacy form with codec id 12 (FrameType|12,
     * packet type 0/1/2, SI24 composition time, data), as some encoders send HEVC; returns null
     * for packet types the legacy form cannot carry (metadata).
     */
    public static FlvTag hvc1AsCodecId12(FlvTag enhanced) {
        byte[] b = bytes(enhanced);
        int frameType = (b[0] >> 4) & 0x07;
        int packetType = b[0] & 0x0F;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((frameType << 4) | 12);
        switch (packetType) {
            case 0 -> {
                out.write(0);
                writeU24(out, 0);
                out.write(b, 5, b.length - 5);
            }
            case 1 -> {
                out.write(1);
                out.write(b, 5, b.length - 5); // composition time and NAL units
            }
            case 3 -> {
                out.write(1);
                writeU24(out, 0);
                out.write(b, 5, b.length - 5);
            }
            case 2 -> {
                out.write(2);
                writeU24(out, 0);
            }
            default -> {
                return null;
            }
        }
        return FlvTag.of(TagType.VIDEO, enhanced.timestamp(), ByteBuffer.wrap(out.toByteArray()));
    }

    /**
     * A ManyTracksManyCodecs audio tag: {@code tracks} alternates FourCC strings, track ids and
     * data arrays: ("Opus", 1, bytes, "fLaC", 2, bytes, ...).
     */
    public static FlvTag audioManyCodecs(long timestamp, int packetType, Object... tracks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(AUDIO_EX_HEADER | AUDIO_MULTITRACK);
        out.write((MANY_TRACKS_MANY_CODECS << 4) | packetType);
        for (int i = 0; i < tracks.length; i += 3) {
            out.writeBytes(fourCc((String) tracks[i]));
            out.write((Integer) tracks[i + 1]);
            byte[] data = (byte[]) tracks[i + 2];
            writeU24(out, data.length);
            out.writeBytes(data);
        }
        return FlvTag.of(TagType.AUDIO, timestamp, ByteBuffer.wrap(out.toByteArray()));
    }

    /**
     * A video Metadata packet (VideoPacketType 4) for {@code fourCc} carrying the AMF0 values
     * "colorInfo" and {colorConfig: {bitDepth, colorPrimaries, transferCharacteristics,
     * matrixCoefficients}} (BT.2020 PQ, 10 bit).
     */
    public static FlvTag colorInfo(long timestamp, String fourCc) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(IS_EX_HEADER | (1 << 4) | 4);
        out.writeBytes(fourCc(fourCc));
        amfString(out, "colorInfo");
        out.write(0x03); // object
        amfKey(out, "colorConfig");
        out.write(0x03);
        amfNumberProperty(out, "bitDepth", 10);
        amfNumberProperty(out, "colorPrimaries", 9);
        amfNumberProperty(out, "transferCharacteristics", 16);
        amfNumberProperty(out, "matrixCoefficients", 9);
        out.writeBytes(new byte[] {0, 0, 9}); // end of colorConfig
        out.writeBytes(new byte[] {0, 0, 9}); // end of the outer object
        return FlvTag.of(TagType.VIDEO, timestamp, ByteBuffer.wrap(out.toByteArray()));
    }

    private static void amfString(ByteArrayOutputStream out, String value) {
        out.write(0x02);
        amfKey(out, value);
    }

    private static void amfKey(ByteArrayOutputStream out, String key) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        out.write(k.length >> 8);
        out.write(k.length);
        out.writeBytes(k);
    }

    private static void amfNumberProperty(ByteArrayOutputStream out, String key, double value) {
        amfKey(out, key);
        out.write(0x00);
        out.writeBytes(ByteBuffer.allocate(8).putDouble(value).array());
    }

    private static void writeU24(ByteArrayOutputStream out, int value) {
        out.write(value >> 16);
        out.write(value >> 8);
        out.write(value);
    }
}
