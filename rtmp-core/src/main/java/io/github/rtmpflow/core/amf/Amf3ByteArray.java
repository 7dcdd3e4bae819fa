package io.github.rtmpflow.core.amf;

import java.nio.ByteBuffer;

/**
 * AMF3 byte array (marker 0x0C, flash.utils.ByteArray).
 *
 * @param bytes a read-only buffer owned by this record; the accessor returns an independent
 *     duplicate, so reading from it never changes this value
 */
public record Amf3ByteArray(ByteBuffer bytes) implements Amf3Value {

    /** Copies the remaining bytes of {@code bytes} (without moving its position). */
    public Amf3ByteArray {
        ByteBuffer src = bytes.duplicate();
        byte[] copy = new byte[src.remaining()];
        src.get(copy);
        bytes = ByteBuffer.wrap(copy).asReadOnlyBuffer();
    }

    /** Returns a byte array holding a copy of {@code bytes}. */
    public static Amf3ByteArray of(byte[] bytes) {
        return new Amf3ByteArray(ByteBuffer.wrap(bytes));
    }

    /** Returns a read-only duplicate positioned at the first byte. */
    @Override
    public ByteBuffer bytes() {
        return bytes.duplicate();
    }

    /** Returns the number of bytes. */
    public int length() {
        return bytes.remaining();
    }
}
