package io.github.rtmpflow.flv;

import java.nio.ByteBuffer;

/**
 * Independent checks on coded frames: walks the length-prefixed NAL units of an AVC/HEVC
 * body (legacy or Enhanced RTMP layout computed here by hand, not by the views).
 */
final class NalTypes {
    private NalTypes() {
    }

    /** True when a legacy AVC NALU tag holds an IDR slice (nal_unit_type 5). */
    static boolean hasAvcIdr(FlvTag tag) {
        ByteBuffer b = tag.payload();
        b.position(5); // UB4 frame type + codec id, AVCPacketType, SI24 composition time
        while (b.remaining() >= 4) {
            int length = b.getInt();
            if ((b.get(b.position()) & 0x1F) == 5) {
                return true;
            }
            b.position(b.position() + length);
        }
        return false;
    }

    /** True when an HEVC body starting at {@code offset} holds an IRAP picture (types 16-23). */
    static boolean hasHevcIrap(FlvTag tag, int offset) {
        ByteBuffer b = tag.payload();
        b.position(offset);
        while (b.remaining() >= 4) {
            int length = b.getInt();
            int type = (b.get(b.position()) >> 1) & 0x3F;
            if (type >= 16 && type <= 23) {
                return true;
            }
            b.position(b.position() + length);
        }
        return false;
    }
}
