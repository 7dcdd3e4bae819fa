package io.github.rtmpflow.flv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Hand-made FLV tag bodies (legacy AVC video, AAC audio, AMF0 script data) for fan-out tests. */
final class TestTags {
    private TestTags() {
    }

    /** Script tag "onMetaData" with an empty ECMA array. */
    static FlvTag metadata(long timestamp) {
        return script(timestamp, "onMetaData", (int) timestamp);
    }

    /** Script tag "onCuePoint" (not metadata that is cached, but never dropped). */
    static FlvTag cuePoint(long timestamp) {
        return script(timestamp, "onCuePoint", 0);
    }

    private static FlvTag script(long timestamp, String name, int marker) {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(3 + nameBytes.length + 5 + 3 + 1);
        body.put((byte) 0x02).putShort((short) nameBytes.length).put(nameBytes);
        body.put((byte) 0x08).putInt(0).put(new byte[] {0, 0, 0x09}).put((byte) marker);
        return FlvTag.of(TagType.SCRIPT, timestamp, body.flip());
    }

    /** AVC sequence header (keyframe, AVCPacketType 0) with a marker byte in the record. */
    static FlvTag avcSequenceHeader(long timestamp) {
        return video(timestamp, 0x17, 0, 12);
    }

    /** AVC end of sequence (AVCPacketType 2). */
    static FlvTag avcSequenceEnd(long timestamp) {
        return video(timestamp, 0x17, 2, 5);
    }

    /** AVC keyframe NALUs of {@code size} body bytes. */
    static FlvTag keyframe(long timestamp, int size) {
        return video(timestamp, 0x17, 1, size);
    }

    /** AVC inter frame NALUs of {@code size} body bytes. */
    static FlvTag interFrame(long timestamp, int size) {
        return video(timestamp, 0x27, 1, size);
    }

    /** AAC AudioSpecificConfig (AACPacketType 0). */
    static FlvTag aacSequenceHeader(long timestamp) {
        return audio(timestamp, 0, 4);
    }

    /** Raw AAC frame of {@code size} body bytes. */
    static FlvTag aacFrame(long timestamp, int size) {
        return audio(timestamp, 1, size);
    }

    private static FlvTag video(long timestamp, int first, int packetType, int size) {
        return FlvTag.of(TagType.VIDEO, timestamp, ByteBuffer.wrap(body(timestamp, first, packetType, size)));
    }

    private static FlvTag audio(long timestamp, int packetType, int size) {
        return FlvTag.of(TagType.AUDIO, timestamp, ByteBuffer.wrap(body(timestamp, 0xAF, packetType, size)));
    }

    /** Two header bytes, then bytes derived from the timestamp so every tag's body differs. */
    private static byte[] body(long timestamp, int first, int packetType, int size) {
        byte[] body = new byte[Math.max(2, size)];
        body[0] = (byte) first;
        body[1] = (byte) packetType;
        for (int i = 2; i < body.length; i++) {
            body[i] = (byte) (timestamp * 31 + i);
        }
        return body;
    }
}
