package io.github.rtmpflow.core.chunk;

/**
 * A budget of partial-message bytes shared by several {@link ChunkDecoder}s, so that the sum
 * over many connections stays bounded, not only each connection's own
 * ({@link io.github.rtmpflow.core.RtmpLimits#maxBufferedBytes()}). A decoder reserves a
 * message's announced length when it allocates the payload and releases it when the message is
 * delivered, dropped (Abort, a new header) or the decoder is {@link ChunkDecoder#releaseBuffers()
 * released}. Implementations must be thread-safe when decoders on several threads share them.
 */
public interface BufferBudget {

    /** No shared bound: every reservation succeeds. */
    BufferBudget UNLIMITED = new BufferBudget() {
        @Override
        public boolean tryReserve(long bytes) {
            return true;
        }

        @Override
        public void release(long bytes) {
            // nothing counted
        }
    };

    /**
     * Reserves {@code bytes} if the budget allows it; otherwise reserves nothing.
     *
     * @return whether the bytes were reserved
     */
    boolean tryReserve(long bytes);

    /** Returns {@code bytes} reserved earlier by a successful {@link #tryReserve}. */
    void release(long bytes);
}
