package io.github.rtmpflow.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The bytes waiting to be sent on one connection, written with gathering writes.
 *
 * <p>Buffer ownership: a buffer handed to {@link #add(ByteBuffer)} belongs to the queue from
 * then on (its position moves as it is written) until fully written; callers pass encoder
 * output they no longer use, or a duplicate of a shared buffer. Confined to the connection's
 * loop thread.
 */
public final class OutboundQueue {

    /** Most buffers handed to one gathering write; more would only lengthen the syscall. */
    static final int MAX_GATHER = 64;

    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
    private long queuedBytes;
    private long writtenBytes;

    /** Creates an empty queue. */
    public OutboundQueue() {
    }

    /** Appends the remaining bytes of {@code buffer}; empty buffers are ignored. */
    public void add(ByteBuffer buffer) {
        int length = buffer.remaining();
        if (length == 0) {
            return;
        }
        buffers.addLast(buffer);
        queuedBytes += length;
    }

    /** Returns the bytes waiting to be written. */
    public long queuedBytes() {
        return queuedBytes;
    }

    /** Returns the bytes written so far. */
    public long writtenBytes() {
        return writtenBytes;
    }

    /** Returns whether nothing waits. */
    public boolean isEmpty() {
        return queuedBytes == 0;
    }

    /**
     * Writes as much as the channel takes, without blocking on a non-blocking channel.
     *
     * @return true when the queue is now empty, false when bytes still wait (the caller then
     *     waits for OP_WRITE)
     * @throws IOException when the channel fails; the connection is then closed
     */
    public boolean writeTo(GatheringByteChannel channel) throws IOException {
        while (!buffers.isEmpty()) {
            int count = 0;
            for (ByteBuffer buffer : buffers) {
                gather[count++] = buffer;
                if (count == MAX_GATHER) {
                    break;
                }
            }
            long written;
            try {
                written = channel.write(gather, 0, count);
            } finally {
                Arrays.fill(gather, 0, count, null);
            }
            queuedBytes -= written;
            writtenBytes += written;
            while (!buffers.isEmpty() && !buffers.peekFirst().hasRemaining()) {
                buffers.pollFirst();
            }
            if (!buffers.isEmpty() && (written == 0 || count < MAX_GATHER)) {
                // The kernel took less than offered: its buffer is full, wait for OP_WRITE.
                return false;
            }
        }
        return true;
    }

    /** Drops everything still queued (the connection is closing). */
    public void clear() {
        buffers.clear();
        queuedBytes = 0;
    }
}
