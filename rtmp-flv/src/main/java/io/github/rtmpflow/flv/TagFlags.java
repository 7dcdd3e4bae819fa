package io.github.rtmpflow.flv;

import java.nio.ByteBuffer;

/**
 * Computes the cheap per-tag predicates ({@link FlvTag#isKeyframe()} and friends) once, from
 * the first bytes of a tag body, for legacy and Enhanced RTMP tags. Never throws: a body too
 * short or malformed for a predicate simply does not satisfy it.
 */
final class TagFlags {
    static final int KEYFRAME = 1;
    static final int SEQUENCE_HEADER = 2;
    static final int SEQUENCE_END = 4;
    static final int METADATA = 8;
    static final int TRACK_CONFIGURATION = 16;

    static final int VIDEO_FRAME_TYPE_KEY = 1;
    static final int VIDEO_FRAME_TYPE_GENERATED_KEY = 4;
    static final int VIDEO_FRAME_TYPE_COMMAND = 5;
    static final int LEGACY_CODEC_AVC = 7;
    static final int LEGACY_CODEC_HEVC = 12;
    static final int SOUND_FORMAT_EX_HEADER = 9;
    static final int SOUND_FORMAT_AAC = 10;

    /** Enhanced packet types shared by audio and video where the numbers agree. */
    static final int PACKET_SEQUENCE_START = 0;
    static final int PACKET_CODED_FRAMES = 1;
    static final int PACKET_SEQUENCE_END = 2;
    static final int VIDEO_PACKET_CODED_FRAMES_X = 3;
    static final int VIDEO_PACKET_MPEG2TS_SEQUENCE_START = 5;
    static final int VIDEO_PACKET_MULTITRACK = 6;
    static final int AUDIO_PACKET_MULTITRACK = 5;
    static final int PACKET_MOD_EX = 7;
    static final int VIDEO_PACKET_METADATA = 4;
    static final int AUDIO_PACKET_MULTICHANNEL_CONFIG = 4;

    private static final byte[] ON_METADATA = {'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a'};
    private static final byte[] SET_DATA_FRAME = {'@', 's', 'e', 't', 'D', 'a', 't', 'a', 'F', 'r', 'a', 'm', 'e'};

    private TagFlags() {
    }

    static int compute(TagType type, ByteBuffer body) {
        switch (type) {
            case VIDEO:
                return video(body);
            case AUDIO:
                return audio(body);
            default:
                return isOnMetaData(body) ? METADATA : 0;
        }
    }

    private static int video(ByteBuffer b) {
        int size = b.remaining();
        if (size < 1) {
            return 0;
        }
        int b0 = b.get(0) & 0xFF;
        if ((b0 & 0x80) == 0) {
            return legacyVideo(b, b0, size);
        }
        int frameType = (b0 >> 4) & 0x07;
        int packetType = enhancedPacketType(b, VIDEO_PACKET_MULTITRACK);
        if (packetType == VIDEO_PACKET_METADATA) {
            // SPEC: the frame type of a Metadata packet is ignored (FFmpeg sends 5 there).
            return TRACK_CONFIGURATION;
        }
        if (packetType < 0 || frameType == VIDEO_FRAME_TYPE_COMMAND) {
            // SPEC: a command frame carries a UI8 command, no video data and no config
            return 0;
        }
        switch (packetType) {
            case PACKET_SEQUENCE_START:
            case VIDEO_PACKET_MPEG2TS_SEQUENCE_START:
                return SEQUENCE_HEADER;
            case PACKET_SEQUENCE_END:
                return SEQUENCE_END;
            case PACKET_CODED_FRAMES:
            case VIDEO_PACKET_CODED_FRAMES_X:
                return isKey(frameType) ? KEYFRAME : 0;
            default:
                return 0;
        }
    }

    /** Key frames and server-generated key frames are both seekable. */
    private static boolean isKey(int frameType) {
        return frameType == VIDEO_FRAME_TYPE_KEY || frameType == VIDEO_FRAME_TYPE_GENERATED_KEY;
    }

    private static int legacyVideo(ByteBuffer b, int b0, int size) {
        int frameType = b0 >> 4;
        int codecId = b0 & 0x0F;
        if (frameType == VIDEO_FRAME_TYPE_COMMAND) {
            return 0;
        }
        if (codecId == LEGACY_CODEC_AVC || codecId == LEGACY_CODEC_HEVC) {
            if (size < 2) {
                return 0;
            }
            int avcPacketType = b.get(1) & 0xFF;
            switch (avcPacketType) {
                case 0:
                    return SEQUENCE_HEADER;
                case 1:
                    return isKey(frameType) ? KEYFRAME : 0;
                case 2:
                    return SEQUENCE_END;
                default:
                    return 0;
            }
        }
        return isKey(frameType) ? KEYFRAME : 0;
    }

    private static int audio(ByteBuffer b) {
        int size = b.remaining();
        if (size < 1) {
            return 0;
        }
        int b0 = b.get(0) & 0xFF;
        int soundFormat = b0 >> 4;
        if (soundFormat == SOUND_FORMAT_AAC) {
            return size >= 2 && b.get(1) == 0 ? SEQUENCE_HEADER : 0;
        }
        if (soundFormat != SOUND_FORMAT_EX_HEADER) {
            return 0;
        }
        int packetType = enhancedPacketType(b, AUDIO_PACKET_MULTITRACK);
        if (packetType == PACKET_SEQUENCE_START) {
            return SEQUENCE_HEADER;
        }
        if (packetType == AUDIO_PACKET_MULTICHANNEL_CONFIG) {
            return TRACK_CONFIGURATION;
        }
        return packetType == PACKET_SEQUENCE_END ? SEQUENCE_END : 0;
    }

    /**
     * Skips ModEx blocks and a multitrack byte and returns the effective packet type, or -1
     * when the body ends first.
     */
    private static int enhancedPacketType(ByteBuffer b, int multitrack) {
        int pos = afterModEx(b);
        if (pos < 0) {
            return -1;
        }
        int packetType = b.get(pos - 1) & 0x0F;
        if (packetType == multitrack) {
            if (pos >= b.remaining()) {
                return -1;
            }
            packetType = b.get(pos) & 0x0F;
        }
        return packetType;
    }

    /**
     * Skips the ModEx blocks of an enhanced audio or video body (absolute indexes from 0, at
     * least one byte): returns the offset just after the byte whose low nibble is the effective
     * packet type (1 when there is no ModEx), or -1 when the body ends first.
     */
    static int afterModEx(ByteBuffer b) {
        int size = b.remaining();
        int pos = 1;
        // SPEC: ModEx = size byte (+1; 256 means a 16-bit size follows), data, then a byte with
        // the ModEx type (high nibble) and the next packet type (low nibble).
        while ((b.get(pos - 1) & 0x0F) == PACKET_MOD_EX) {
            if (pos >= size) {
                return -1;
            }
            int modExSize = (b.get(pos++) & 0xFF) + 1;
            if (modExSize == 256) {
                if (pos + 2 > size) {
                    return -1;
                }
                modExSize = (b.getShort(pos) & 0xFFFF) + 1;
                pos += 2;
            }
            pos += modExSize;
            if (pos >= size) {
                return -1;
            }
            pos++;
        }
        return pos;
    }

    /** True for a script body "onMetaData", ... or "@setDataFrame", "onMetaData", .... */
    static boolean isOnMetaData(ByteBuffer b) {
        int at = 0;
        if (startsWithAmfString(b, at, SET_DATA_FRAME)) {
            at = 3 + SET_DATA_FRAME.length;
        }
        return startsWithAmfString(b, at, ON_METADATA);
    }

    private static boolean startsWithAmfString(ByteBuffer b, int at, byte[] expected) {
        int len = expected.length;
        if (b.remaining() < at + 3 + len || b.get(at) != 0x02 || b.getShort(at + 1) != len) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (b.get(at + 3 + i) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
