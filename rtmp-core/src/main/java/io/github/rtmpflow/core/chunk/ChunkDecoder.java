package io.github.rtmpflow.core.chunk;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Push decoder for the incoming RTMP chunk stream (RTMP 1.0 spec section 5.3): reassembles
 * interleaved chunks into {@link RawMessage}s and reports them to a {@link ChunkListener}.
 *
 * <p>Two-level state: chunk header, then chunk payload. Header bytes (at most 18) are gathered
 * in a fixed cursor, so any split of the input works and nothing is allocated per chunk; the
 * only allocations are one exact-size payload array per message and the message record.
 *
 * <p>Handled here: all three basic header forms; fmt 0-3 with delta re-application; extended
 * timestamps, on fmt-3 chunks in both conventions (repeated or not); Set Chunk Size, applied
 * at the byte after that message; Abort; timestamps unwrapped per chunk stream to 64 bits;
 * the limits of {@link RtmpLimits} (a chunk stream holds its header state, and counts against
 * {@link RtmpLimits#maxChunkStreams()}, for the life of the connection, as the spec requires).
 * Malformed input never throws: it sets {@link #error()}.
 *
 * <p>Failure is sticky: the {@code feed} that fails leaves its input positioned after the
 * bytes that revealed the error; every later {@code feed} discards all of its input (position
 * = limit, not counted in {@link #bytesConsumed()}) and reports nothing, so a caller that
 * keeps feeding cannot spin. Not thread-safe; one decoder per connection.
 *
 * <p>Memory: partial messages count against {@link RtmpLimits#maxBufferedBytes()} and, when the
 * decoder was given one, a {@link BufferBudget} shared with other decoders. A message longer
 * than the input left in the current {@code feed} cannot complete in it: its length is reserved
 * in the shared budget before its payload is allocated, and a refusal fails the decoder with
 * nothing allocated. A shorter one may complete in this feed; the shared budget is settled at the
 * end of each {@code feed} to the partial messages then held. Reservations are made in grants
 * of 64 KiB (or what a message needs beyond that), kept while partial messages are held and all
 * given back once none is. So a message that arrives whole within one read costs the shared
 * budget nothing, a fast publisher touches its counter rarely instead of twice per message, and
 * the payload bytes allocated beyond the budget at any moment are at most one feed's input per
 * thread; a decoder holds at most two grants more than its partial messages.
 */
public final class ChunkDecoder {

    /** The chunk size both directions start with (SPEC: 5.4.1). */
    public static final int DEFAULT_CHUNK_SIZE = 128;

    /** Timestamp field value announcing a 4-byte extended timestamp (SPEC: 5.3.1.3). */
    static final int EXTENDED_TIMESTAMP_MARKER = 0xFFFFFF;
    /** Message header length by fmt (SPEC: 5.3.1.2). */
    static final int[] MESSAGE_HEADER_LENGTH = {11, 7, 3, 0};
    /** 3-byte basic header + 11-byte message header + 4-byte extended timestamp. */
    private static final int MAX_HEADER_LENGTH = 18;
    private static final int EXTENDED_TIMESTAMP_LENGTH = 4;
    private static final int PROTOCOL_CONTROL_CHUNK_STREAM_ID = 2;
    /**
     * How much the decoder reserves in a shared budget at a time while it holds partial
     * messages: a publisher sending faster than it is read nearly always ends a read inside a
     * message, and keeps one grant from read to read instead of reserving and releasing each time.
     */
    static final long BUDGET_GRANT_BYTES = 64 * 1024;

    /** What one pass over an input buffer ended with. */
    private enum Pass { EXHAUSTED, PAUSED, REPLAY }

    private final RtmpLimits limits;
    private final ChunkListener listener;
    private final BudgetReservation reservation;
    private final ChunkStreamTable<IncomingChunkStream> streams = new ChunkStreamTable<>();

    // Header cursor: the bytes of the chunk header being read, and how many it needs.
    private final byte[] header = new byte[MAX_HEADER_LENGTH];
    private int headerFilled;
    private int headerNeeded;
    private int basicHeaderLength;
    private int fmt;
    private boolean extendedDecided;
    private int headerChunkStreamId;
    private IncomingChunkStream headerStream;

    // Bytes read as a possible extended timestamp that turned out not to be one: they are
    // parsed again, before the rest of the input. Allocated once; at most 4 bytes.
    private final ByteBuffer replay = ByteBuffer.allocate(EXTENDED_TIMESTAMP_LENGTH).limit(0);

    // Payload state: the chunk stream whose chunk payload is being read.
    private IncomingChunkStream current;
    private int chunkRemaining;

    private int chunkSize = DEFAULT_CHUNK_SIZE;
    private long bufferedBytes;
    private long bytesConsumed;
    private ProtocolError error;
    private boolean released;

    /**
     * Creates a decoder.
     *
     * @param limits the bounds enforced on peer input
     * @param listener receives every complete message
     */
    public ChunkDecoder(RtmpLimits limits, ChunkListener listener) {
        this(limits, listener, BufferBudget.UNLIMITED);
    }

    /**
     * Creates a decoder whose partial messages also count against {@code budget}, shared with
     * other decoders; call {@link #releaseBuffers()} when the connection is gone.
     *
     * @param limits the bounds enforced on peer input
     * @param listener receives every complete message
     * @param budget the shared bound on partial-message bytes
     */
    public ChunkDecoder(RtmpLimits limits, ChunkListener listener, BufferBudget budget) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.reservation = new BudgetReservation(budget, BUDGET_GRANT_BYTES);
    }

    /**
     * Consumes what it can of {@code in} (from its position to its limit), reporting each
     * complete message to the listener. Keeps no reference to {@code in}: bytes it needs later
     * are copied. Returns early, with the rest of {@code in} unconsumed, when the listener
     * pauses or the input is malformed (see {@link #failed()}). To resume after a pause, call
     * {@code feed} again with the rest (or an empty buffer: up to 3 bytes the decoder held
     * back may complete further messages). Must not be called from inside the listener.
     *
     * @param in the received bytes; its position advances past the consumed ones
     */
    public void feed(ByteBuffer in) {
        if (error != null || released) {
            in.position(in.limit());
            return;
        }
        int start = in.position();
        try {
            // Put-back bytes come before the rest of the input. They cannot trigger another
            // put-back on their own (that needs 5 bytes: a basic header and 4 more).
            while (true) {
                if (replay.hasRemaining() && pass(replay) == Pass.PAUSED) {
                    return;
                }
                if (pass(in) != Pass.REPLAY) {
                    return;
                }
            }
        } catch (ProtocolException e) {
            error = e.error();
        } finally {
            bytesConsumed += in.position() - start;
            settleBudget();
        }
    }

    /**
     * Brings the shared budget's reservation in line with the partial messages held now: all of
     * it back when none is held; up to them (a refusal fails the decoder, its reservation staying
     * as it was until {@link #releaseBuffers()}); down to them plus one grant when it holds more
     * than two grants beyond them.
     */
    private void settleBudget() {
        if (released) {
            return;
        }
        long reserved = reservation.reserved();
        if (bufferedBytes == 0) {
            reservation.releaseDownTo(0);
        } else if (bufferedBytes > reserved) {
            if (error == null && !reservation.reserveUpTo(bufferedBytes, Long.MAX_VALUE)) {
                error = new ProtocolError(ProtocolError.Code.BUFFER_LIMIT,
                        "partial messages exceed the shared buffer budget: bufferedBytes=" + bufferedBytes
                                + " reserved=" + reserved);
            }
        } else if (reserved - bufferedBytes > 2 * BUDGET_GRANT_BYTES) {
            reservation.releaseDownTo(bufferedBytes + BUDGET_GRANT_BYTES);
        }
    }

    /** Returns the error that failed this decoder, or null while it has not failed. */
    public ProtocolError error() {
        return error;
    }

    /** Returns whether malformed input failed this decoder (sticky). */
    public boolean failed() {
        return error != null;
    }

    /**
     * Returns the total bytes consumed by all {@code feed} calls so far: the count the
     * Acknowledgement sequence number is based on (add the handshake bytes).
     */
    public long bytesConsumed() {
        return bytesConsumed;
    }

    /** Returns the current incoming chunk size: 128 until the peer's Set Chunk Size. */
    public int chunkSize() {
        return chunkSize;
    }

    /** Returns the bytes reserved for partial messages right now (their announced lengths). */
    public long bufferedBytes() {
        return bufferedBytes;
    }

    /**
     * Gives the partial messages' reservations back to the shared {@link BufferBudget}; call once
     * when the connection is gone. Later {@code feed} calls discard their input. Idempotent.
     */
    public void releaseBuffers() {
        if (!released) {
            released = true;
            reservation.releaseDownTo(0);
            bufferedBytes = 0;
        }
    }

    private Pass pass(ByteBuffer src) throws ProtocolException {
        while (src.hasRemaining()) {
            if (current != null) {
                if (!readPayload(src)) {
                    return Pass.PAUSED;
                }
                continue;
            }
            if (!readHeader(src)) {
                return Pass.EXHAUSTED;
            }
            headerFilled = 0;
            boolean replayed = applyHeader();
            if (current == null && headerStream.payload == null && !startMessage(headerStream, src.remaining())) {
                return Pass.PAUSED;
            }
            if (replayed) {
                return Pass.REPLAY;
            }
        }
        return Pass.EXHAUSTED;
    }

    /** Copies chunk payload; returns false when a completed message paused the listener. */
    private boolean readPayload(ByteBuffer src) throws ProtocolException {
        IncomingChunkStream stream = current;
        int n = Math.min(chunkRemaining, src.remaining());
        src.get(stream.payload, stream.received, n);
        stream.received += n;
        chunkRemaining -= n;
        if (chunkRemaining > 0) {
            return true;
        }
        current = null;
        if (stream.received < stream.messageLength) {
            return true;
        }
        byte[] payload = stream.payload;
        stream.payload = null;
        bufferedBytes -= payload.length;
        return deliver(stream, ByteBuffer.wrap(payload).asReadOnlyBuffer());
    }

    /** Fills the header cursor; returns true once the whole chunk header is in it. */
    private boolean readHeader(ByteBuffer src) throws ProtocolException {
        if (headerFilled == 0) {
            int first = src.get() & 0xFF;
            header[0] = (byte) first;
            headerFilled = 1;
            fmt = first >>> 6;
            int low = first & 0x3F;
            // SPEC: 5.3.1.1 ids 0 and 1 in the low six bits select the 2- and 3-byte forms.
            basicHeaderLength = low == 0 ? 2 : low == 1 ? 3 : 1;
            headerNeeded = basicHeaderLength + MESSAGE_HEADER_LENGTH[fmt];
            extendedDecided = false;
        }
        while (true) {
            int n = Math.min(headerNeeded - headerFilled, src.remaining());
            src.get(header, headerFilled, n);
            headerFilled += n;
            if (headerFilled < headerNeeded) {
                return false;
            }
            if (extendedDecided) {
                return true;
            }
            extendedDecided = true;
            if (!needsExtendedTimestamp()) {
                return true;
            }
            headerNeeded += EXTENDED_TIMESTAMP_LENGTH;
        }
    }

    /** With basic and message header read: finds the chunk stream; says if 4 more bytes follow. */
    private boolean needsExtendedTimestamp() throws ProtocolException {
        int id = header[0] & 0x3F;
        if (basicHeaderLength == 2) {
            id = 64 + (header[1] & 0xFF);
        } else if (basicHeaderLength == 3) {
            id = 64 + (header[1] & 0xFF) + ((header[2] & 0xFF) << 8);
        }
        headerChunkStreamId = id;
        headerStream = streams.get(id);
        if (headerStream == null && fmt != 0) {
            // LENIENT: librtmp answers pings with a fmt-1 header on a fresh chunk stream 2
            // (SRS accepts it too, ossrs/srs#98); fmt 1 carries everything but the stream id.
            if (!(fmt == 1 && id == PROTOCOL_CONTROL_CHUNK_STREAM_ID)) {
                throw new ProtocolException(ProtocolError.Code.BAD_CHUNK,
                        "fmt " + fmt + " on a chunk stream without a previous header: chunkStreamId=" + id);
            }
        }
        if (fmt == 3) {
            // SPEC: 5.3.1.3 a fmt-3 chunk carries the extended timestamp when the last
            // fmt 0-2 header of its chunk stream did; some publishers omit it (peeked later).
            return headerStream.extended;
        }
        return readUnsigned24(basicHeaderLength) == EXTENDED_TIMESTAMP_MARKER;
    }

    /**
     * Applies the complete chunk header to its chunk stream and prepares the payload state.
     * Returns true when the last 4 header bytes were not an extended timestamp and were put
     * back for parsing again.
     */
    private boolean applyHeader() throws ProtocolException {
        IncomingChunkStream stream = headerStream;
        if (stream == null) {
            if (streams.size() >= limits.maxChunkStreams()) {
                throw new ProtocolException(ProtocolError.Code.TOO_MANY_CHUNK_STREAMS,
                        "too many chunk streams: chunkStreamId=" + headerChunkStreamId
                                + " maxChunkStreams=" + limits.maxChunkStreams());
            }
            stream = new IncomingChunkStream(headerChunkStreamId);
            streams.put(headerChunkStreamId, stream);
            headerStream = stream;
        }
        int p = basicHeaderLength;
        boolean hasExtended = headerNeeded > p + MESSAGE_HEADER_LENGTH[fmt];
        int extended = hasExtended ? readInt(headerNeeded - EXTENDED_TIMESTAMP_LENGTH) : 0;
        if (fmt == 3) {
            return applyType3(stream, hasExtended, extended);
        }
        int field = readUnsigned24(p);
        int value = field == EXTENDED_TIMESTAMP_MARKER ? extended : field;
        if (fmt <= 1) {
            int length = readUnsigned24(p + 3);
            if (length > limits.maxMessageLength()) {
                throw new ProtocolException(ProtocolError.Code.MESSAGE_TOO_LONG,
                        "message too long: chunkStreamId=" + stream.chunkStreamId + " length=" + length
                                + " maxMessageLength=" + limits.maxMessageLength());
            }
            stream.messageLength = length;
            stream.typeId = header[p + 6] & 0xFF;
        }
        if (fmt == 0) {
            stream.messageStreamId = (header[p + 7] & 0xFF) | (header[p + 8] & 0xFF) << 8
                    | (header[p + 9] & 0xFF) << 16 | (header[p + 10] & 0xFF) << 24;
            stream.timestamp = value;
        } else {
            stream.timestamp += value; // SPEC: 5.3.1.2.2 delta, arithmetic mod 2^32
        }
        // SPEC: 5.3.1.2.4 a later fmt-3 new message re-applies this (after fmt 0: the timestamp).
        stream.timestampDelta = value;
        stream.extended = hasExtended;
        stream.extendedValue = extended;
        // LENIENT: a full header in the middle of a message drops the partial message (FFmpeg
        // does the same when the length changes) rather than failing the connection.
        dropPartial(stream);
        return false;
    }

    private boolean applyType3(IncomingChunkStream stream, boolean hasExtended, int extended) {
        boolean newMessage = stream.payload == null;
        int timestamp = newMessage ? stream.timestamp + stream.timestampDelta : stream.timestamp;
        boolean replayed = false;
        if (hasExtended && extended != stream.extendedValue && extended != timestamp) {
            // LENIENT: the publisher does not repeat the extended timestamp on fmt-3 chunks
            // (old librtmp/OBS); like SRS, take the 4 bytes as payload (or next header) instead.
            replay.clear();
            replay.put(header, headerNeeded - EXTENDED_TIMESTAMP_LENGTH, EXTENDED_TIMESTAMP_LENGTH);
            replay.flip();
            replayed = true;
        }
        stream.timestamp = timestamp;
        if (!newMessage) {
            current = stream;
            chunkRemaining = Math.min(chunkSize, stream.messageLength - stream.received);
        }
        return replayed;
    }

    /**
     * Starts the message announced by the header just applied: allocates its payload (counted
     * against the buffer limit) or, for length 0, delivers it at once. Returns false when that
     * delivery paused the listener.
     */
    private boolean startMessage(IncomingChunkStream stream, int inputLeft) throws ProtocolException {
        int length = stream.messageLength;
        if (length == 0) {
            return deliver(stream, RawMessage.emptyPayload());
        }
        if (bufferedBytes + length > limits.maxBufferedBytes()) {
            throw new ProtocolException(ProtocolError.Code.BUFFER_LIMIT,
                    "partial messages exceed the buffer limit: chunkStreamId=" + stream.chunkStreamId
                            + " length=" + length + " bufferedBytes=" + bufferedBytes
                            + " maxBufferedBytes=" + limits.maxBufferedBytes());
        }
        // A listener may have released the decoder during this feed: nothing is reserved any more.
        if (length > inputLeft && !released && !reservation.reserveUpTo(bufferedBytes + length, Long.MAX_VALUE)) {
            throw new ProtocolException(ProtocolError.Code.BUFFER_LIMIT,
                    "partial messages exceed the shared buffer budget: chunkStreamId=" + stream.chunkStreamId
                            + " length=" + length + " bufferedBytes=" + bufferedBytes);
        }
        bufferedBytes += length;
        stream.payload = new byte[length];
        stream.received = 0;
        current = stream;
        chunkRemaining = Math.min(chunkSize, length);
        return true;
    }

    private void dropPartial(IncomingChunkStream stream) {
        if (stream.payload != null) {
            bufferedBytes -= stream.payload.length;
            stream.payload = null;
            stream.received = 0;
        }
    }

    /** Applies protocol control the chunk layer owns, then hands the message on. */
    private boolean deliver(IncomingChunkStream stream, ByteBuffer payload) throws ProtocolException {
        if (stream.typeId == MessageTypes.SET_CHUNK_SIZE) {
            applySetChunkSize(payload);
        } else if (stream.typeId == MessageTypes.ABORT) {
            applyAbort(payload);
        }
        RawMessage message = new RawMessage(stream.chunkStreamId, stream.unwrapper.unwrap(stream.timestamp),
                stream.typeId, stream.messageStreamId, payload);
        return listener.onMessage(message);
    }

    private void applySetChunkSize(ByteBuffer payload) throws ProtocolException {
        if (payload.capacity() < 4) {
            throw new ProtocolException(ProtocolError.Code.BAD_MESSAGE,
                    "Set Chunk Size too short: length=" + payload.capacity());
        }
        // SPEC: 5.4.1 bit 31 must be zero; 0 is meaningless. Read as signed: both are <= 0.
        int size = payload.getInt(0);
        if (size <= 0 || size > limits.maxChunkSize()) {
            throw new ProtocolException(ProtocolError.Code.BAD_CHUNK_SIZE,
                    "chunk size out of range: chunkSize=" + Integer.toUnsignedString(size)
                            + " maxChunkSize=" + limits.maxChunkSize());
        }
        chunkSize = size;
    }

    private void applyAbort(ByteBuffer payload) throws ProtocolException {
        if (payload.capacity() < 4) {
            throw new ProtocolException(ProtocolError.Code.BAD_MESSAGE, "Abort too short: length=" + payload.capacity());
        }
        // LENIENT: an Abort naming a chunk stream without a partial message is a no-op.
        IncomingChunkStream target = streams.get(payload.getInt(0));
        if (target != null) {
            dropPartial(target);
        }
    }

    private int readUnsigned24(int offset) {
        return (header[offset] & 0xFF) << 16 | (header[offset + 1] & 0xFF) << 8 | header[offset + 2] & 0xFF;
    }

    private int readInt(int offset) {
        return (header[offset] & 0xFF) << 24 | readUnsigned24(offset + 1);
    }
}
