package io.github.rtmpflow.flv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A bounded single-producer single-consumer ring of tags (and discontinuity markers) that also
 * counts queued body bytes, without allocation and without atomic read-modify-write
 * operations: each index and byte total has one writer and is published with release stores.
 *
 * <p>Producer: the one thread that publishes to the fan-out at a time. Consumer: the
 * subscriber's drain task, serialized by its work-in-progress counter.
 */
final class SpscTagQueue {
    /** Marks a session boundary in the queue; counts as one slot and no bytes. */
    static final Object DISCONTINUITY = new Object();

    private static final VarHandle PRODUCER_INDEX;
    private static final VarHandle CONSUMER_INDEX;
    private static final VarHandle PRODUCER_BYTES;
    private static final VarHandle CONSUMER_BYTES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PRODUCER_INDEX = lookup.findVarHandle(SpscTagQueue.class, "producerIndex", long.class);
            CONSUMER_INDEX = lookup.findVarHandle(SpscTagQueue.class, "consumerIndex", long.class);
            PRODUCER_BYTES = lookup.findVarHandle(SpscTagQueue.class, "producerBytes", long.class);
            CONSUMER_BYTES = lookup.findVarHandle(SpscTagQueue.class, "consumerBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] slots;
    private final int mask;
    @SuppressWarnings("unused") // written through PRODUCER_INDEX
    private long producerIndex;
    @SuppressWarnings("unused") // written through CONSUMER_INDEX
    private long consumerIndex;
    @SuppressWarnings("unused") // written through PRODUCER_BYTES
    private long producerBytes;
    @SuppressWarnings("unused") // written through CONSUMER_BYTES
    private long consumerBytes;

    /** Creates a ring of at least {@code capacity} slots (rounded up to a power of two). */
    SpscTagQueue(int capacity) {
        int size = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1);
        slots = new Object[size];
        mask = size - 1;
    }

    /** Returns the number of slots. */
    int capacity() {
        return slots.length;
    }

    /** Producer: appends a tag or {@link #DISCONTINUITY}; false when the ring is full. */
    boolean offer(Object item) {
        long p = (long) PRODUCER_INDEX.getOpaque(this);
        if (p - (long) CONSUMER_INDEX.getAcquire(this) >= slots.length) {
            return false;
        }
        slots[(int) p & mask] = item;
        if (item instanceof FlvTag) {
            PRODUCER_BYTES.setRelease(this, (long) PRODUCER_BYTES.getOpaque(this) + ((FlvTag) item).size());
        }
        PRODUCER_INDEX.setRelease(this, p + 1);
        return true;
    }

    /** Consumer: returns the head without removing it, or null when empty. */
    Object peek() {
        long c = (long) CONSUMER_INDEX.getOpaque(this);
        if (c == (long) PRODUCER_INDEX.getAcquire(this)) {
            return null;
        }
        return slots[(int) c & mask];
    }

    /** Consumer: removes the head returned by the last {@link #peek()}, which must not be null. */
    void remove(Object head) {
        long c = (long) CONSUMER_INDEX.getOpaque(this);
        slots[(int) c & mask] = null;
        if (head instanceof FlvTag) {
            CONSUMER_BYTES.setRelease(this, (long) CONSUMER_BYTES.getOpaque(this) + ((FlvTag) head).size());
        }
        CONSUMER_INDEX.setRelease(this, c + 1);
    }

    /** Consumer: removes everything, dropping the references. */
    void clear() {
        for (Object head = peek(); head != null; head = peek()) {
            remove(head);
        }
    }

    /** Either side: the number of queued items (may be stale by the other side's latest step). */
    long size() {
        long c = (long) CONSUMER_INDEX.getAcquire(this);
        long p = (long) PRODUCER_INDEX.getAcquire(this);
        return Math.max(0, p - c);
    }

    /** Either side: the queued body bytes (may be stale by the other side's latest step). */
    long bytes() {
        long c = (long) CONSUMER_BYTES.getAcquire(this);
        long p = (long) PRODUCER_BYTES.getAcquire(this);
        return Math.max(0, p - c);
    }
}
