package io.github.rtmpflow.flv;

import io.github.rtmpflow.core.ProtocolError;
import java.nio.ByteBuffer;

/**
 * Push decoder for the FLV file format: {@link #feed(ByteBuffer)} consumes whatever bytes are
 * there, in any split, and reports the header and each tag to a {@link Listener}.
 *
 * <p>Checks, each reported as a {@link ProtocolError} ({@link ProtocolError.Code#BAD_MESSAGE},
 * or {@link ProtocolError.Code#MESSAGE_TOO_LONG} for a tag above the bound) that puts the
 * decoder in a sticky failed state: the "FLV" signature and version 1, a data offset of at
 * least 9, PreviousTagSize0 = 0, tag types 8, 9 and 18 only (no encryption filter), every
 * PreviousTagSize = 11 + DataSize of the tag before it, and the tag size bound. A tag is
 * reported only once the PreviousTagSize after it has been checked.
 *
 * <p>Timestamps: the 32-bit FLV timestamp (24 bits plus the extended upper byte) is unwrapped to
 * the 64-bit timeline across the 32-bit wrap (a drop of more than 2^31).
 *
 * <p>Memory: one exact-size array per tag body, owned by the {@link FlvTag} handed to the
 * listener; the decoder keeps no reference to the buffers it is fed. Not thread-safe.
 */
public final class FlvDecoder {

    /** Receives what the decoder reads, on the thread that calls {@link #feed}. */
    public interface Listener {
        /** Called once with the file header. */
        default void onHeader(FlvHeader header) {
        }

        /**
         * Called once per tag; the tag is the receiver's.
         *
         * @return true to go on; false to pause: {@code feed} returns right after this tag and
         *     leaves the rest of its input unconsumed
         */
        boolean onTag(FlvTag tag);
    }

    private enum State { FILE_HEADER, HEADER_PADDING, PREVIOUS_TAG_SIZE, TAG_HEADER, TAG_BODY, FAILED }

    private static final long WRAP_THRESHOLD = 1L << 31;

    private final int maxTagSize;
    private final Listener listener;
    private final byte[] scratch = new byte[FlvHeader.TAG_HEADER_LENGTH];
    private State state = State.FILE_HEADER;
    private int scratchFill;
    private long paddingLeft;
    private long expectedPreviousTagSize;
    private TagType pendingType;
    private long pendingTimestamp;
    private byte[] body;
    private int bodyFill;
    private FlvTag completedTag;
    private long lastWireTimestamp = -1;
    private long epoch;
    private long offset;
    private ProtocolError error;

    /**
     * Creates a decoder.
     *
     * @param maxTagSize the largest tag body accepted, 1 to {@link FlvHeader#MAX_TAG_SIZE}
     * @param listener receives the header and the tags
     */
    public FlvDecoder(int maxTagSize, Listener listener) {
        if (maxTagSize < 1 || maxTagSize > FlvHeader.MAX_TAG_SIZE) {
            throw new IllegalArgumentException("maxTagSize out of range: maxTagSize=" + maxTagSize);
        }
        this.maxTagSize = maxTagSize;
        this.listener = listener;
    }

    /**
     * Consumes bytes from {@code in} (advancing its position) until it is empty, the listener
     * pauses, or the input is found malformed.
     *
     * @return false once the decoder has failed (see {@link #error()})
     */
    public boolean feed(ByteBuffer in) {
        while (state != State.FAILED && in.hasRemaining()) {
            if (!step(in)) {
                return state != State.FAILED;
            }
        }
        return state != State.FAILED;
    }

    /** Returns the error that failed the decoder, or {@code null}. */
    public ProtocolError error() {
        return error;
    }

    /** Returns the number of bytes consumed so far (the file offset of the next byte). */
    public long offset() {
        return offset;
    }

    /**
     * Returns true when the input so far ends exactly after a complete tag (or after the header
     * and PreviousTagSize0): the point where a file may end.
     */
    public boolean atTagBoundary() {
        return state == State.TAG_HEADER && scratchFill == 0;
    }

    /** Returns a description of what the decoder still waits for, for truncation errors. */
    public String expecting() {
        switch (state) {
            case FILE_HEADER:
                return "file header";
            case HEADER_PADDING:
                return "header padding";
            case PREVIOUS_TAG_SIZE:
                return "PreviousTagSize";
            case TAG_HEADER:
                return "tag header";
            case TAG_BODY:
                return "tag body (" + bodyFill + " of " + body.length + " bytes)";
            default:
                return "nothing (failed)";
        }
    }

    /** Runs one state; returns false when the listener paused or the decoder failed. */
    private boolean step(ByteBuffer in) {
        switch (state) {
            case FILE_HEADER:
                if (fill(in, FlvHeader.LENGTH)) {
                    onFileHeader();
                }
                return true;
            case HEADER_PADDING:
                int skip = (int) Math.min(paddingLeft, in.remaining());
                in.position(in.position() + skip);
                offset += skip;
                paddingLeft -= skip;
                if (paddingLeft == 0) {
                    state = State.PREVIOUS_TAG_SIZE;
                }
                return true;
            case PREVIOUS_TAG_SIZE:
                return fill(in, FlvHeader.PREVIOUS_TAG_SIZE_LENGTH) ? onPreviousTagSize() : true;
            case TAG_HEADER:
                if (fill(in, FlvHeader.TAG_HEADER_LENGTH)) {
                    onTagHeader();
                }
                return true;
            case TAG_BODY:
                int n = Math.min(body.length - bodyFill, in.remaining());
                in.get(body, bodyFill, n);
                bodyFill += n;
                offset += n;
                if (bodyFill == body.length) {
                    completedTag = FlvTag.of(pendingType, pendingTimestamp, ByteBuffer.wrap(body));
                    body = null;
                    state = State.PREVIOUS_TAG_SIZE;
                }
                return true;
            default:
                return false;
        }
    }

    /** Accumulates {@code length} bytes in the scratch array; true once complete. */
    private boolean fill(ByteBuffer in, int length) {
        int n = Math.min(length - scratchFill, in.remaining());
        in.get(scratch, scratchFill, n);
        scratchFill += n;
        offset += n;
        if (scratchFill < length) {
            return false;
        }
        scratchFill = 0;
        return true;
    }

    private void onFileHeader() {
        if (scratch[0] != 'F' || scratch[1] != 'L' || scratch[2] != 'V') {
            fail("not an FLV file: signature=" + hex(scratch, 3));
            return;
        }
        if (scratch[3] != 1) {
            fail("unsupported FLV version=" + (scratch[3] & 0xFF));
            return;
        }
        long dataOffset = u32(scratch, 5);
        if (dataOffset < FlvHeader.LENGTH || dataOffset > maxTagSize) {
            fail("bad DataOffset=" + dataOffset);
            return;
        }
        int flags = scratch[4] & 0xFF;
        listener.onHeader(new FlvHeader(1, (flags & 0x04) != 0, (flags & 0x01) != 0, (int) dataOffset));
        paddingLeft = dataOffset - FlvHeader.LENGTH;
        expectedPreviousTagSize = 0;
        state = paddingLeft > 0 ? State.HEADER_PADDING : State.PREVIOUS_TAG_SIZE;
    }

    private boolean onPreviousTagSize() {
        long size = u32(scratch, 0);
        if (size != expectedPreviousTagSize) {
            fail("PreviousTagSize mismatch at offset=" + (offset - 4) + ": expected=" + expectedPreviousTagSize
                    + ", found=" + size);
            return false;
        }
        state = State.TAG_HEADER;
        FlvTag tag = completedTag;
        if (tag == null) {
            return true;
        }
        completedTag = null;
        return listener.onTag(tag);
    }

    private void onTagHeader() {
        int typeByte = scratch[0] & 0xFF;
        if ((typeByte & 0x20) != 0) {
            fail("encrypted tag (Filter bit) at offset=" + (offset - FlvHeader.TAG_HEADER_LENGTH));
            return;
        }
        TagType type = TagType.of(typeByte & 0x1F);
        if (type == null || (typeByte & 0xC0) != 0) {
            fail("unknown tag type=" + typeByte + " at offset=" + (offset - FlvHeader.TAG_HEADER_LENGTH));
            return;
        }
        int size = ((scratch[1] & 0xFF) << 16) | ((scratch[2] & 0xFF) << 8) | (scratch[3] & 0xFF);
        if (size > maxTagSize) {
            error = new ProtocolError(ProtocolError.Code.MESSAGE_TOO_LONG,
                    "tag too large: size=" + size + ", maxTagSize=" + maxTagSize);
            state = State.FAILED;
            return;
        }
        long wire = ((scratch[4] & 0xFFL) << 16) | ((scratch[5] & 0xFFL) << 8) | (scratch[6] & 0xFFL)
                | ((scratch[7] & 0xFFL) << 24);
        // LENIENT: StreamID should be 0; nothing depends on it, so it is not checked.
        pendingType = type;
        pendingTimestamp = unwrap(wire);
        expectedPreviousTagSize = FlvHeader.TAG_HEADER_LENGTH + size;
        if (size == 0) {
            completedTag = FlvTag.of(type, pendingTimestamp, ByteBuffer.wrap(new byte[0]));
            state = State.PREVIOUS_TAG_SIZE;
            return;
        }
        body = new byte[size];
        bodyFill = 0;
        state = State.TAG_BODY;
    }

    private long unwrap(long wire) {
        if (lastWireTimestamp >= 0 && lastWireTimestamp - wire > WRAP_THRESHOLD) {
            epoch += 1L << 32;
        }
        lastWireTimestamp = wire;
        return epoch + wire;
    }

    private void fail(String detail) {
        error = new ProtocolError(ProtocolError.Code.BAD_MESSAGE, detail);
        state = State.FAILED;
    }

    private static long u32(byte[] b, int at) {
        return ((b[at] & 0xFFL) << 24) | ((b[at + 1] & 0xFFL) << 16) | ((b[at + 2] & 0xFFL) << 8) | (b[at + 3] & 0xFFL);
    }

    private static String hex(byte[] b, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            sb.append(String.format("%02x", b[i]));
        }
        return sb.toString();
    }
}
