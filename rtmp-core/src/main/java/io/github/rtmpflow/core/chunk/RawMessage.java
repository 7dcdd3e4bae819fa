package io.github.rtmpflow.core.chunk;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One complete RTMP message as the chunk layer sees it: header fields plus opaque payload.
 *
 * <p>Buffer ownership: {@link #payload()} is a read-only {@link ByteBuffer} over one array of
 * exactly the message length (position 0, limit = capacity = length). The message owns that
 * array for its whole life and nobody modifies it after construction, so one message may be
 * shared by any number of consumers on any thread. Consumers must not move the shared
 * buffer's position: read it with absolute gets or through {@link ByteBuffer#duplicate()}.
 * {@link #equals(Object)} compares the payload's content.
 *
 * @param chunkStreamId chunk stream the message travelled on, 2..65599
 * @param timestamp message timestamp in milliseconds, unwrapped to 64 bits (non-negative);
 *     on the wire only its low 32 bits travel
 * @param typeId message type id, 0..255; see {@link MessageTypes}
 * @param messageStreamId message stream id (an unsigned 32-bit value on the wire, kept as
 *     its bit pattern)
 * @param payload the message body, see above; at most 0xFFFFFF bytes
 */
public record RawMessage(int chunkStreamId, long timestamp, int typeId, int messageStreamId, ByteBuffer payload) {

    /** Smallest chunk stream id (0 and 1 select the longer basic header forms). */
    public static final int MIN_CHUNK_STREAM_ID = 2;
    /** Largest chunk stream id the 3-byte basic header can carry. */
    public static final int MAX_CHUNK_STREAM_ID = 65_599;
    /** Largest payload the 24-bit message length field can carry. */
    public static final int MAX_PAYLOAD_LENGTH = 0xFFFFFF;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    /**
     * Validates the fields and normalises the payload: a buffer that is already read-only,
     * at position 0 and with limit = capacity is kept as is (no copy, no allocation); any
     * other buffer is replaced by a read-only slice of its remaining bytes (still no copy, so
     * the caller hands over the bytes and must not change them afterwards).
     *
     * @throws IllegalArgumentException for an out-of-range field
     * @throws NullPointerException when {@code payload} is null
     */
    public RawMessage {
        Objects.requireNonNull(payload, "payload");
        if (chunkStreamId < MIN_CHUNK_STREAM_ID || chunkStreamId > MAX_CHUNK_STREAM_ID) {
            throw new IllegalArgumentException("chunkStreamId out of range: chunkStreamId=" + chunkStreamId);
        }
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must not be negative: timestamp=" + timestamp);
        }
        if (typeId < 0 || typeId > 0xFF) {
            throw new IllegalArgumentException("typeId out of range: typeId=" + typeId);
        }
        if (payload.remaining() > MAX_PAYLOAD_LENGTH) {
            throw new IllegalArgumentException("payload too long: length=" + payload.remaining());
        }
        if (!payload.isReadOnly() || payload.position() != 0 || payload.limit() != payload.capacity()) {
            payload = payload.slice().asReadOnlyBuffer();
        }
    }

    /**
     * Creates a message over {@code payload}, which the message owns from now on: the caller
     * must not modify the array afterwards.
     */
    public static RawMessage of(int chunkStreamId, long timestamp, int typeId, int messageStreamId, byte[] payload) {
        ByteBuffer buffer = payload.length == 0 ? EMPTY : ByteBuffer.wrap(payload).asReadOnlyBuffer();
        return new RawMessage(chunkStreamId, timestamp, typeId, messageStreamId, buffer);
    }

    /** Returns the payload length in bytes (independent of the buffer's position). */
    public int length() {
        return payload.capacity();
    }

    /** Returns a copy of the payload bytes (for tests and diagnostics; allocates). */
    public byte[] payloadBytes() {
        byte[] copy = new byte[length()];
        payload.get(0, copy);
        return copy;
    }

    static ByteBuffer emptyPayload() {
        return EMPTY;
    }
}
