package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.RawMessage;
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
 * output they no longer use, or a duplicate of a shared buffer. Messages given to
 * {@link #encode} are encoded into direct buffers borrowed from the loop's
 * {@link OutboundBufferPool}, several messages per buffer, and given back once written.
 * Confined to the connection's loop thread.
 */
public final class OutboundQueue {

    /** Most buffers handed to one gathering write; more would only lengthen the syscall. */
    static final int MAX_GATHER = 64;

    private final ArrayDeque<ByteBuffer> buffers = new ArrayDeque<>();
    private final ByteBuffer[] gather = new ByteBuffer[MAX_GATHER];
    private final OutboundBufferPool pool;
    // The pool's buffers among `buffers`, in the same order: given back once written.
    private final ArrayDeque<ByteBuffer> pooled = new ArrayDeque<>();
    // The last queued buffer while it is a pooled one that messages can still be appended to
    // (its reading view, whose limit grows), and a writing view of the same memory.
    private ByteBuffer tail;
    private ByteBuffer tailWriter;
    private long queuedBytes;
    private long writtenBytes;

    /** Creates an empty queue without a pool: {@link #encode} then encodes into heap buffers. */
    public OutboundQueue() {
        this(null);
    }

    /**
     * Creates an empty queue that encodes messages into {@code pool}'s buffers.
     *
     * @param pool the loop's pool, or null
     */
    public OutboundQueue(OutboundBufferPool pool) {
        this.pool = pool;
    }

    /**
     * Appends {@code message}, encoded by {@code encoder}, after what is queued: into the last
     * pooled buffer while it has room, else into a fresh one (a message larger than a pool
     * buffer, or a queue without pool, gets its own heap buffer). No array per message.
     */
    public void encode(ChunkEncoder encoder, RawMessage message) {
        int length = encoder.encodedLength(message);
        if (tail == null || tailWriter.remaining() < length) {
            if (pool == null || length > OutboundBufferPool.BUFFER_SIZE) {
                add(encoder.encode(message));
                return;
            }
            ByteBuffer b = pool.acquire();
            tailWriter = b.duplicate();
            b.limit(0);
            buffers.addLast(b);
            pooled.addLast(b);
            tail = b;
        }
        encoder.encode(message, tailWriter);
        tail.limit(tailWriter.position());
        queuedBytes += length;
    }

    /** Appends the remaining bytes of {@code buffer}; empty buffers are ignored. */
    public void add(ByteBuffer buffer) {
        int length = buffer.remaining();
        if (length == 0) {
            return;
        }
        buffers.addLast(buffer);
        queuedBytes += length;
        tail = null; // later messages go after this buffer, never into an earlier one
        tailWriter = null;
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
                recycle(buffers.pollFirst());
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
        while (!buffers.isEmpty()) {
            recycle(buffers.pollFirst());
        }
        queuedBytes = 0;
    }

    /** A buffer left the queue: a pooled one goes back to the pool. */
    private void recycle(ByteBuffer done) {
        if (done == tail) {
            tail = null;
            tailWriter = null;
        }
        if (pooled.peekFirst() == done) {
            pooled.pollFirst();
            pool.release(done);
        }
    }
}
