package io.github.rtmpflow.flv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A subscriber's queue: a single-producer single-consumer ring of tags (and discontinuity
 * markers) that counts queued body bytes, with the soft bounds of {@link SubscribeOptions}
 * (maxQueuedTags, maxQueuedBytes) and a hard capacity of twice them. No allocation and no
 * atomic read-modify-write: each index and byte total has one writer and is published with
 * release stores.
 *
 * <p>Producer: the one thread that publishes to the fan-out at a time. Consumer: the
 * subscriber's drain task, serialized by its work-in-progress counter. The bound checks read
 * both sides and may be stale by the other side's latest step, which errs on the full side for
 * the producer.
 */
final class BoundedTagQueue {
    /** Marks a session boundary in the queue; counts as one slot and no bytes. */
    static final Object DISCONTINUITY = new Object();

    private static final VarHandle PRODUCER_INDEX;
    private static final VarHandle CONSUMER_INDEX;
    private static final VarHandle PRODUCER_BYTES;
    private static final VarHandle CONSUMER_BYTES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PRODUCER_INDEX = lookup.findVarHandle(BoundedTagQueue.class, "producerIndex", long.class);
            CONSUMER_INDEX = lookup.findVarHandle(BoundedTagQueue.class, "consumerIndex", long.class);
            PRODUCER_BYTES = lookup.findVarHandle(BoundedTagQueue.class, "producerBytes", long.class);
            CONSUMER_BYTES = lookup.findVarHandle(BoundedTagQueue.class, "consumerBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] slots;
    private final int mask;
    private final int maxTags;
    private final long maxBytes;
    @SuppressWarnings("unused") // written through PRODUCER_INDEX
    private long producerIndex;
    @SuppressWarnings("unused") // written through CONSUMER_INDEX
    private long consumerIndex;
    @SuppressWarnings("unused") // written through PRODUCER_BYTES
    private long producerBytes;
    @SuppressWarnings("unused") // written through CONSUMER_BYTES
    private long consumerBytes;

    /**
     * Creates a queue with soft bounds of {@code maxTags} and {@code maxBytes} and a ring of
     * twice {@code maxTags} slots, rounded up to a power of two.
     */
    BoundedTagQueue(int maxTags, long maxBytes) {
        this.maxTags = maxTags;
        this.maxBytes = maxBytes;
        int size = Integer.highestOneBit(Math.max(1, maxTags) * 4 - 1);
        slots = new Object[size];
        mask = size - 1;
    }

    /** Returns the number of slots. */
    int capacity() {
        return slots.length;
    }

    /**
     * Producer: whether a tag of {@code size} bytes fits the soft bounds. An empty queue always
     * takes one tag, however large, so a huge keyframe cannot starve a subscriber.
     */
    boolean fits(int size) {
        long tags = size();
        return tags == 0 || (tags < maxTags && bytes() + size <= maxBytes);
    }

    /** Producer: whether {@code tags} tags of {@code bytes} bytes in all fit the soft bounds. */
    boolean fits(int tags, long bytes) {
        return size() + tags <= maxTags && bytes() + bytes <= maxBytes;
    }

    /** Producer: whether a tag of {@code size} bytes fits twice the soft bounds. */
    boolean fitsHard(int size) {
        long tags = size();
        return tags == 0 || (tags < 2L * maxTags && bytes() + size <= 2 * maxBytes);
    }

    /** Whether either soft bound is reached. */
    boolean atSoftBound() {
        return size() >= maxTags || bytes() >= maxBytes;
    }

    /** Whether the queue is down to half its soft bounds, where a paused producer may go on. */
    boolean belowLowWater() {
        return size() <= maxTags / 2 && bytes() <= maxBytes / 2;
    }

    /**
     * Producer: appends a tag or {@link #DISCONTINUITY}; false when it does not fit twice the
     * soft bounds.
     */
    boolean offer(Object item) {
        if (!fitsHard(item instanceof FlvTag ? ((FlvTag) item).size() : 0)) {
            return false;
        }
        long p = (long) PRODUCER_INDEX.getOpaque(this);
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
