package io.github.rtmpflow.core.chunk;

import java.nio.ByteBuffer;

/**
 * Encoder for the outgoing RTMP chunk stream (work in progress: API only).
 */
public final class ChunkEncoder {

    private int chunkSize = ChunkDecoder.DEFAULT_CHUNK_SIZE;

    /** Creates an encoder with chunk size 128 and no chunk stream state. */
    public ChunkEncoder() {
    }

    /** Returns the exact number of bytes {@link #encode(RawMessage, ByteBuffer)} will write for {@code m} now. */
    public int encodedLength(RawMessage m) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Writes all chunks of {@code m} into {@code out}, which needs {@link #encodedLength} bytes remaining. */
    public void encode(RawMessage m, ByteBuffer out) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Encodes {@code m} into a new buffer (flipped, ready to read). */
    public ByteBuffer encode(RawMessage m) {
        ByteBuffer out = ByteBuffer.allocate(encodedLength(m));
        encode(m, out);
        return out.flip();
    }

    /** Returns the current outgoing chunk size. */
    public int chunkSize() {
        return chunkSize;
    }
}
