package io.github.rtmpflow.server.internal;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * Ciphertext buffers of the TLS connections of one event loop thread. A connection holds a
 * buffer only while it has ciphertext waiting (a partial record read, records not yet written)
 * and gives it back as soon as it is empty, so idle connections hold none and a busy loop
 * reuses the same few buffers: no allocation per record or per read.
 *
 * <p>One pool per loop thread ({@link #local()}): connections are confined to their loop, so the
 * pool needs no locking.
 */
final class TlsBufferPool {

    /**
     * Size of a pooled buffer: four TLS records of the largest size the JDK may use (33093 bytes
     * with large fragments; 16709 normally) fit in 2 x this, so a read or write moves several
     * records per system call.
     */
    static final int BUFFER_SIZE = 80 * 1024;
    /** Most idle buffers kept per loop; more are left to the garbage collector. */
    static final int MAX_IDLE = 32;

    private static final ThreadLocal<TlsBufferPool> LOCAL = ThreadLocal.withInitial(TlsBufferPool::new);

    private final ArrayDeque<ByteBuffer> idle = new ArrayDeque<>();

    private TlsBufferPool() {
    }

    /** Returns the pool of the calling thread (an event loop). */
    static TlsBufferPool local() {
        return LOCAL.get();
    }

    /** Returns an empty buffer in write mode (position 0, limit = capacity). */
    ByteBuffer acquire() {
        ByteBuffer buffer = idle.pollFirst();
        return buffer != null ? buffer : ByteBuffer.allocate(BUFFER_SIZE);
    }

    /** Takes back a buffer the caller no longer uses (odd-sized ones are dropped). */
    void release(ByteBuffer buffer) {
        if (buffer.capacity() == BUFFER_SIZE && idle.size() < MAX_IDLE) {
            idle.addFirst(buffer.clear());
        }
    }
}
