package io.github.rtmpflow.core.chunk;

/** Receives the messages a {@link ChunkDecoder} reassembles, in wire order. */
@FunctionalInterface
public interface ChunkListener {

    /**
     * Called once per complete message, on the thread that called
     * {@link ChunkDecoder#feed(java.nio.ByteBuffer)}. The message and its payload belong to
     * the receiver from now on (the decoder keeps no reference), and may be kept and shared.
     * Set Chunk Size and Abort messages are delivered too, after the decoder applied them.
     *
     * @param message the complete message
     * @return true to go on decoding; false to pause: {@code feed} then returns right after
     *     this message and leaves the rest of its input unconsumed for a later {@code feed}
     */
    boolean onMessage(RawMessage message);
}
