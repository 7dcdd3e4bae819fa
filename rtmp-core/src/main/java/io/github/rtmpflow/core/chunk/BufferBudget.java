package io.github.rtmpflow.core.chunk;

/**
 * A budget of partial-message bytes shared by several {@link ChunkDecoder}s, so that the sum
 * over many connections stays bounded, not only each connection's own
 * ({@link io.github.rtmpflow.core.RtmpLimits#maxBufferedBytes()}). At the end of each
 * {@link ChunkDecoder#feed feed} a decoder brings its reservation to the announced lengths of the
 * partial messages it then holds (reserving or releasing the difference), and gives everything
 * back when it is {@link ChunkDecoder#releaseBuffers() released}. Other holders of bytes (the GOP
 * caches of {@code rtmp-flv}) use it the same way. Implementations must be thread-safe when
 * holders on several threads share them.
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
