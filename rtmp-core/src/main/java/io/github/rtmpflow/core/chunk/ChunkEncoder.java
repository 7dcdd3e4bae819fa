package io.github.rtmpflow.core.chunk;

import java.nio.ByteBuffer;

/**
 * Encoder for the outgoing RTMP chunk stream (RTMP 1.0 spec section 5.3): splits each
 * {@link RawMessage} into chunks of the current outgoing chunk size, with the smallest
 * message header the previous message on the same chunk stream allows.
 *
 * <p>Header choice per message: fmt 0 for a chunk stream's first message, another message
 * stream id, a timestamp going backwards (or jumping 2^32 or more); fmt 1 when length or type
 * differ; fmt 2 when only the timestamp delta differs; fmt 3 when the delta equals the last
 * fmt-1/2 delta too (never right after fmt 0, where decoders disagree). Timestamps at or above
 * 0xFFFFFF go in an extended timestamp, repeated on every fmt-3 chunk of the message as
 * FFmpeg, OBS and nginx-rtmp do. Only the low 32 bits of the 64-bit timestamp travel.
 *
 * <p>After writing a Set Chunk Size message the encoder uses that size from the next message
 * on (the message itself goes out at the old size), so the caller only has to send it.
 * Not thread-safe; one encoder per connection, messages encoded in sending order.
 */
public final class ChunkEncoder {

    private static final long MAX_TIMESTAMP_DELTA = 0xFFFF_FFFFL;
    private static final int EXTENDED_TIMESTAMP_LENGTH = 4;

    private final ChunkStreamTable<OutgoingChunkStream> streams = new ChunkStreamTable<>();
    private int chunkSize = ChunkDecoder.DEFAULT_CHUNK_SIZE;

    /** Creates an encoder with chunk size 128 and no chunk stream state. */
    public ChunkEncoder() {
    }

    /**
     * Returns the exact number of bytes {@link #encode(RawMessage, ByteBuffer)} writes for
     * {@code message} given the encoder's current state (it depends on the previous message on
     * the same chunk stream and on the chunk size).
     *
     * @throws IllegalArgumentException for a Set Chunk Size message with an illegal size
     */
    public int encodedLength(RawMessage message) {
        validateControl(message);
        OutgoingChunkStream stream = streams.get(message.chunkStreamId());
        int fmt = format(message, stream);
        boolean extended = isExtended(headerTimestampValue(fmt, message, stream), fmt, stream);
        int basic = basicHeaderLength(message.chunkStreamId());
        int ext = extended ? EXTENDED_TIMESTAMP_LENGTH : 0;
        long length = message.length();
        long chunks = length == 0 ? 1 : (length + chunkSize - 1) / chunkSize;
        long total = basic + ChunkDecoder.MESSAGE_HEADER_LENGTH[fmt] + ext + length + (chunks - 1) * (basic + ext);
        return Math.toIntExact(total);
    }

    /**
     * Writes every chunk of {@code message} into {@code out} at its position, which advances;
     * then remembers the header for the next message (and applies a Set Chunk Size). Reads the
     * payload with absolute gets: its position is not touched.
     *
     * @param message the message to send
     * @param out where the chunks go; must have {@link #encodedLength(RawMessage)} bytes remaining
     * @throws IllegalArgumentException when {@code out} is too small (nothing is written then)
     *     or for a Set Chunk Size message with an illegal size
     */
    public void encode(RawMessage message, ByteBuffer out) {
        int needed = encodedLength(message);
        if (out.remaining() < needed) {
            throw new IllegalArgumentException("output buffer too small: remaining=" + out.remaining()
                    + " needed=" + needed);
        }
        int chunkStreamId = message.chunkStreamId();
        OutgoingChunkStream stream = streams.get(chunkStreamId);
        int fmt = format(message, stream);
        int value = headerTimestampValue(fmt, message, stream);
        boolean extended = isExtended(value, fmt, stream);
        writeBasicHeader(out, fmt, chunkStreamId);
        if (fmt <= 2) {
            writeUnsigned24(out, extended ? ChunkDecoder.EXTENDED_TIMESTAMP_MARKER : value);
        }
        if (fmt <= 1) {
            writeUnsigned24(out, message.length());
            out.put((byte) message.typeId());
        }
        if (fmt == 0) {
            out.putInt(Integer.reverseBytes(message.messageStreamId())); // SPEC: 5.3.1.2.1 little-endian
        }
        if (extended) {
            out.putInt(value);
        }
        ByteBuffer payload = message.payload();
        int length = message.length();
        int offset = 0;
        do {
            if (offset > 0) {
                writeBasicHeader(out, 3, chunkStreamId);
                if (extended) {
                    out.putInt(value);
                }
            }
            int n = Math.min(chunkSize, length - offset);
            out.put(out.position(), payload, offset, n);
            out.position(out.position() + n);
            offset += n;
        } while (offset < length);
        remember(message, stream, fmt, value, extended);
        if (message.typeId() == MessageTypes.SET_CHUNK_SIZE) {
            chunkSize = payload.getInt(0);
        }
    }

    /**
     * Encodes {@code message} into a new heap buffer, returned flipped (ready to read).
     *
     * @throws IllegalArgumentException for a Set Chunk Size message with an illegal size
     */
    public ByteBuffer encode(RawMessage message) {
        ByteBuffer out = ByteBuffer.allocate(encodedLength(message));
        encode(message, out);
        return out.flip();
    }

    /** Returns the outgoing chunk size used for the next message: 128 until a Set Chunk Size is encoded. */
    public int chunkSize() {
        return chunkSize;
    }

    private static void validateControl(RawMessage message) {
        if (message.typeId() != MessageTypes.SET_CHUNK_SIZE) {
            return;
        }
        if (message.length() < 4) {
            throw new IllegalArgumentException("Set Chunk Size too short: length=" + message.length());
        }
        int size = message.payload().getInt(0);
        if (size <= 0) {
            throw new IllegalArgumentException("chunkSize out of range: chunkSize=" + Integer.toUnsignedString(size));
        }
    }

    private static int format(RawMessage message, OutgoingChunkStream stream) {
        if (stream == null || message.messageStreamId() != stream.messageStreamId
                || message.timestamp() < stream.timestamp
                || message.timestamp() - stream.timestamp > MAX_TIMESTAMP_DELTA) {
            return 0;
        }
        if (message.length() != stream.messageLength || message.typeId() != stream.typeId) {
            return 1;
        }
        int delta = (int) (message.timestamp() - stream.timestamp);
        return stream.deltaKnown && delta == stream.timestampDelta ? 3 : 2;
    }

    /** The 32-bit value the header stands for: timestamp (fmt 0) or delta (fmt 1-3). */
    private static int headerTimestampValue(int fmt, RawMessage message, OutgoingChunkStream stream) {
        if (fmt == 0) {
            return (int) message.timestamp();
        }
        return (int) (message.timestamp() - stream.timestamp);
    }

    private static boolean isExtended(int value, int fmt, OutgoingChunkStream stream) {
        if (fmt == 3) {
            return stream.extended;
        }
        // SPEC: 5.3.1.3 values >= 0xFFFFFF (unsigned) go in the extended timestamp.
        return Integer.compareUnsigned(value, ChunkDecoder.EXTENDED_TIMESTAMP_MARKER) >= 0;
    }

    private void remember(RawMessage message, OutgoingChunkStream previous, int fmt, int value, boolean extended) {
        OutgoingChunkStream stream = previous;
        if (stream == null) {
            stream = new OutgoingChunkStream();
            streams.put(message.chunkStreamId(), stream);
        }
        if (fmt != 3) {
            stream.timestampDelta = value;
            stream.deltaKnown = fmt != 0;
            stream.extended = extended;
            stream.extendedValue = value;
        }
        stream.timestamp = message.timestamp();
        stream.messageLength = message.length();
        stream.typeId = message.typeId();
        stream.messageStreamId = message.messageStreamId();
    }

    private static int basicHeaderLength(int chunkStreamId) {
        return chunkStreamId < 64 ? 1 : chunkStreamId < 320 ? 2 : 3;
    }

    private static void writeBasicHeader(ByteBuffer out, int fmt, int chunkStreamId) {
        int marker = fmt << 6;
        if (chunkStreamId < 64) {
            out.put((byte) (marker | chunkStreamId));
        } else if (chunkStreamId < 320) {
            out.put((byte) marker);
            out.put((byte) (chunkStreamId - 64));
        } else {
            int id = chunkStreamId - 64;
            out.put((byte) (marker | 1));
            out.put((byte) id); // SPEC: 5.3.1.1 3-byte form: low byte first
            out.put((byte) (id >>> 8));
        }
    }

    private static void writeUnsigned24(ByteBuffer out, int value) {
        out.put((byte) (value >>> 16));
        out.put((byte) (value >>> 8));
        out.put((byte) value);
    }
}
