package io.github.rtmpflow.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * A connection's outgoing bytes in a direct buffer borrowed from its loop's pool only while
 * bytes wait. The buffer is either filling (messages are encoded at its position) or draining
 * (flipped, being written); callers encode only while it fills, so a slow socket leaves the
 * next messages unencoded instead of queueing copies. A drained buffer goes back to the pool,
 * so thousands of paced publishers share a handful of buffers.
 *
 * <p>Confined to the loop's thread.
 */
final class OutputBuffer {

    private final LoadLoop loop;
    private ByteBuffer buffer;
    private boolean draining;
    private long bytesWritten;

    OutputBuffer(LoadLoop loop) {
        this.loop = loop;
    }

    /** Returns the buffer in filling mode, borrowing one if needed; valid until the next write. */
    ByteBuffer fillable() {
        if (draining) {
            buffer.compact(); // back to filling, the unwritten bytes first
            draining = false;
        }
        if (buffer == null) {
            buffer = loop.acquire();
        }
        return buffer;
    }

    /** Returns whether a write left bytes behind (the socket is full). */
    boolean draining() {
        return draining;
    }

    /** Returns whether any bytes wait, filled or half written. */
    boolean hasBytes() {
        return buffer != null && (draining || buffer.position() > 0);
    }

    /** Gives the buffer back when nothing was filled into it. */
    void releaseIfEmpty() {
        if (buffer != null && !draining && buffer.position() == 0) {
            release();
        }
    }

    /**
     * Writes what waits; returns whether everything went out (the buffer is then back in the pool).
     *
     * @throws IOException from the socket
     */
    boolean writeTo(WritableByteChannel channel) throws IOException {
        if (buffer == null) {
            return true;
        }
        if (!draining) {
            buffer.flip();
            draining = true;
        }
        bytesWritten += channel.write(buffer);
        if (buffer.hasRemaining()) {
            return false;
        }
        release();
        return true;
    }

    /** Drops whatever waits and returns the buffer to the pool. */
    void release() {
        if (buffer != null) {
            loop.release(buffer);
            buffer = null;
        }
        draining = false;
    }

    /** Returns the bytes written to the socket so far. */
    long bytesWritten() {
        return bytesWritten;
    }
}
