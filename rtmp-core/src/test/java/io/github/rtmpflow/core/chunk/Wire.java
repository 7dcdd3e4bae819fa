package io.github.rtmpflow.core.chunk;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Builds chunk streams by hand, header field by header field, for decoder tests. */
final class Wire {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Basic header in its shortest form. */
    Wire basic(int fmt, int chunkStreamId) {
        if (chunkStreamId < 64) {
            out.write(fmt << 6 | chunkStreamId);
        } else if (chunkStreamId < 320) {
            out.write(fmt << 6);
            out.write(chunkStreamId - 64);
        } else {
            out.write(fmt << 6 | 1);
            out.write((chunkStreamId - 64) & 0xFF);
            out.write((chunkStreamId - 64) >>> 8);
        }
        return this;
    }

    /** fmt 0 header; a timestamp field of 0xFFFFFF needs {@link #ext} next. */
    Wire fmt0(int chunkStreamId, int timestampField, int length, int typeId, int messageStreamId) {
        basic(0, chunkStreamId).u24(timestampField).u24(length);
        out.write(typeId);
        return u32(Integer.reverseBytes(messageStreamId));
    }

    Wire fmt1(int chunkStreamId, int deltaField, int length, int typeId) {
        basic(1, chunkStreamId).u24(deltaField).u24(length);
        out.write(typeId);
        return this;
    }

    Wire fmt2(int chunkStreamId, int deltaField) {
        return basic(2, chunkStreamId).u24(deltaField);
    }

    Wire fmt3(int chunkStreamId) {
        return basic(3, chunkStreamId);
    }

    /** Extended timestamp field. */
    Wire ext(long value) {
        return u32((int) value);
    }

    /** A whole Set Chunk Size message on chunk stream 2. */
    Wire setChunkSize(int size) {
        return fmt0(2, 0, 4, MessageTypes.SET_CHUNK_SIZE, 0).u32(size);
    }

    /** A whole Abort message on chunk stream 2. */
    Wire abort(int chunkStreamId) {
        return fmt0(2, 0, 4, MessageTypes.ABORT, 0).u32(chunkStreamId);
    }

    Wire bytes(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    Wire bytes(byte[] bytes, int from, int to) {
        out.write(bytes, from, to - from);
        return this;
    }

    Wire hex(String hex) {
        return bytes(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    /** {@code n} filler bytes. */
    Wire fill(int n) {
        for (int i = 0; i < n; i++) {
            out.write(0xA5);
        }
        return this;
    }

    Wire u24(int value) {
        out.write(value >>> 16 & 0xFF);
        out.write(value >>> 8 & 0xFF);
        out.write(value & 0xFF);
        return this;
    }

    Wire u32(int value) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(value).array());
        return this;
    }

    int length() {
        return out.size();
    }

    byte[] toBytes() {
        return out.toByteArray();
    }
}
