package io.github.rtmpflow.server.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Direct buffers of one size that connections encode their outgoing media into and give back
 * once written, so that sending a tag to a player allocates no array and the kernel reads the
 * bytes from native memory (a heap buffer would be copied once more by the JDK on every write).
 * One pool per {@link EventLoop}; confined to the loop's thread.
 *
 * <p>Buffer ownership: {@link #acquire()} hands a buffer to one {@link OutboundQueue} until it is
 * fully written; {@link #release(ByteBuffer)} takes it back. At most {@link #MAX_IDLE} idle
 * buffers are kept; more are left to the garbage collector.
 */
public final class OutboundBufferPool {

    /** Size of each buffer: a few seconds of a 3 Mbit/s stream's chunks fit a handful of them. */
    public static final int BUFFER_SIZE = 128 * 1024;
    /** Most idle buffers kept per loop (4 MiB of native memory with {@link #BUFFER_SIZE}). */
    static final int MAX_IDLE = 32;

    private final ArrayDeque<ByteBuffer> idle = new ArrayDeque<>();
    private long allocated;

    /** Creates an empty pool. */
    public OutboundBufferPool() {
    }

    /** Returns a cleared buffer of {@link #BUFFER_SIZE} bytes; the caller owns it until released. */
    public ByteBuffer acquire() {
        ByteBuffer b = idle.pollLast();
        if (b == null) {
            allocated++;
            return ByteBuffer.allocateDirect(BUFFER_SIZE);
        }
        return b.clear();
    }

    /** Takes back a buffer from {@link #acquire()} that nobody uses any more. */
    public void release(ByteBuffer buffer) {
        if (idle.size() < MAX_IDLE) {
            idle.addLast(buffer);
        }
    }

    /** Returns the number of idle buffers. */
    int idleCount() {
        return idle.size();
    }

    /** Returns how many buffers the pool has allocated so far. */
    long allocatedCount() {
        return allocated;
    }
}
