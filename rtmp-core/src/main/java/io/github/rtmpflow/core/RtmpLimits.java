package io.github.rtmpflow.core;

/**
 * Every bound the protocol core enforces on peer input, in one place. Breaking one yields a
 * {@link ProtocolError}, never an exception or unbounded memory.
 *
 * @param maxMessageLength largest message payload accepted, in bytes (the wire allows 0xFFFFFF)
 * @param maxChunkSize largest Set Chunk Size accepted from the peer, in bytes (the wire allows 0x7FFFFFFF)
 * @param maxChunkStreams most chunk streams that may hold state at once
 * @param maxBufferedBytes most bytes of partial messages held at once per connection, counting
 *     each message's announced length as soon as its payload is allocated
 * @param maxAmfDepth deepest nesting of AMF objects and arrays
 * @param maxAmfStringLength longest AMF string, in bytes
 * @param maxAmfElements most entries in one AMF object or array
 */
public record RtmpLimits(
        int maxMessageLength,
        int maxChunkSize,
        int maxChunkStreams,
        long maxBufferedBytes,
        int maxAmfDepth,
        int maxAmfStringLength,
        int maxAmfElements) {

    /** The largest message length the 24-bit length field can carry. */
    public static final int MAX_WIRE_MESSAGE_LENGTH = 0xFFFFFF;
    /** The largest legal Set Chunk Size value (bit 31 must be zero). */
    public static final int MAX_WIRE_CHUNK_SIZE = 0x7FFFFFFF;

    /** Defaults safe for a public ingest server. */
    public static final RtmpLimits DEFAULTS = new RtmpLimits(
            MAX_WIRE_MESSAGE_LENGTH, MAX_WIRE_CHUNK_SIZE, 64, 32L * 1024 * 1024, 32, 1024 * 1024, 65_536);

    /** Validates the bounds; misuse throws {@link IllegalArgumentException}. */
    public RtmpLimits {
        requirePositive("maxMessageLength", maxMessageLength);
        if (maxMessageLength > MAX_WIRE_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("maxMessageLength out of range: maxMessageLength=" + maxMessageLength);
        }
        requirePositive("maxChunkSize", maxChunkSize);
        requirePositive("maxChunkStreams", maxChunkStreams);
        requirePositive("maxBufferedBytes", maxBufferedBytes);
        requirePositive("maxAmfDepth", maxAmfDepth);
        requirePositive("maxAmfStringLength", maxAmfStringLength);
        requirePositive("maxAmfElements", maxAmfElements);
    }

    /** Returns a copy with another {@code maxBufferedBytes}. */
    public RtmpLimits withMaxBufferedBytes(long bytes) {
        return new RtmpLimits(maxMessageLength, maxChunkSize, maxChunkStreams, bytes,
                maxAmfDepth, maxAmfStringLength, maxAmfElements);
    }

    /** Returns a copy with another {@code maxChunkStreams}. */
    public RtmpLimits withMaxChunkStreams(int streams) {
        return new RtmpLimits(maxMessageLength, maxChunkSize, streams, maxBufferedBytes,
                maxAmfDepth, maxAmfStringLength, maxAmfElements);
    }

    /** Returns a copy with another {@code maxChunkSize}. */
    public RtmpLimits withMaxChunkSize(int size) {
        return new RtmpLimits(maxMessageLength, size, maxChunkStreams, maxBufferedBytes,
                maxAmfDepth, maxAmfStringLength, maxAmfElements);
    }

    /** Returns a copy with another {@code maxMessageLength}. */
    public RtmpLimits withMaxMessageLength(int length) {
        return new RtmpLimits(length, maxChunkSize, maxChunkStreams, maxBufferedBytes,
                maxAmfDepth, maxAmfStringLength, maxAmfElements);
    }

    private static void requirePositive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive: " + name + "=" + value);
        }
    }
}
