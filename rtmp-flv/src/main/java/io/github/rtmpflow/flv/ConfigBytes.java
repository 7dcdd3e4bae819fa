package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;

/**
 * A bounds-checked cursor over a configuration record or tag header: every read checks the
 * limit and throws {@link ProtocolException} ({@link ProtocolError.Code#BAD_MESSAGE}) instead
 * of {@link java.nio.BufferUnderflowException}. Uses absolute gets; never changes the buffer.
 */
final class ConfigBytes {
    private final ByteBuffer buffer;
    private final String what;
    private int position;

    ConfigBytes(ByteBuffer buffer, String what) {
        this.buffer = buffer;
        this.what = what;
        this.position = buffer.position();
    }

    int position() {
        return position;
    }

    int remaining() {
        return buffer.limit() - position;
    }

    int u8() throws ProtocolException {
        require(1);
        return buffer.get(position++) & 0xFF;
    }

    int u16() throws ProtocolException {
        require(2);
        int v = buffer.getShort(position) & 0xFFFF;
        position += 2;
        return v;
    }

    int u24() throws ProtocolException {
        require(3);
        int v = ((buffer.get(position) & 0xFF) << 16) | ((buffer.get(position + 1) & 0xFF) << 8)
                | (buffer.get(position + 2) & 0xFF);
        position += 3;
        return v;
    }

    /** Reads a signed 24-bit big-endian value (composition times). */
    int s24() throws ProtocolException {
        return (u24() << 8) >> 8;
    }

    int u32AsInt() throws ProtocolException {
        require(4);
        int v = buffer.getInt(position);
        position += 4;
        return v;
    }

    long u48() throws ProtocolException {
        return ((long) u16() << 32) | (u32AsInt() & 0xFFFF_FFFFL);
    }

    /** Returns a read-only view of the next {@code length} bytes, sharing the buffer's content. */
    ByteBuffer slice(int length) throws ProtocolException {
        require(length);
        ByteBuffer s = buffer.duplicate().position(position).limit(position + length).slice().asReadOnlyBuffer();
        position += length;
        return s;
    }

    /** Returns a read-only view of everything left. */
    ByteBuffer rest() throws ProtocolException {
        return slice(remaining());
    }

    void skip(int length) throws ProtocolException {
        require(length);
        position += length;
    }

    void require(int length) throws ProtocolException {
        if (length < 0 || length > remaining()) {
            throw new ProtocolException(ProtocolError.Code.BAD_MESSAGE,
                    what + " truncated: need=" + length + ", left=" + remaining());
        }
    }

    ProtocolException error(String detail) {
        return new ProtocolException(ProtocolError.Code.BAD_MESSAGE, what + ": " + detail);
    }
}
