package io.github.rtmpflow.core.chunk;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.RtmpLimits;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Push decoder for the incoming RTMP chunk stream (work in progress: API only).
 */
public final class ChunkDecoder {

    /** The chunk size both directions start with. */
    public static final int DEFAULT_CHUNK_SIZE = 128;

    private final RtmpLimits limits;
    private final ChunkListener listener;
    private ProtocolError error;
    private long bytesConsumed;
    private int chunkSize = DEFAULT_CHUNK_SIZE;

    /** Creates a decoder reporting to {@code listener} and enforcing {@code limits}. */
    public ChunkDecoder(RtmpLimits limits, ChunkListener listener) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Consumes what it can of {@code in}; keeps no reference to it; never throws on peer input. */
    public void feed(ByteBuffer in) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Returns the error that failed the decoder, or null. */
    public ProtocolError error() {
        return error;
    }

    /** Returns whether the decoder failed. */
    public boolean failed() {
        return error != null;
    }

    /** Returns the total bytes consumed from all {@code feed} calls. */
    public long bytesConsumed() {
        return bytesConsumed;
    }

    /** Returns the current incoming chunk size. */
    public int chunkSize() {
        return chunkSize;
    }
}
