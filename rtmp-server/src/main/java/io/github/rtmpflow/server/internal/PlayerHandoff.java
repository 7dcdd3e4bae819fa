package io.github.rtmpflow.server.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded single-producer, single-consumer ring that carries tags (and markers) from the
 * publisher's event loop to a player's event loop without locks: the producer publishes an
 * entry with a release store of its tail index, the consumer takes it after an acquire load and
 * frees the slot with a release store of its head index.
 *
 * <p>One producer at a time: the publishers of a stream name may follow each other on different
 * loops, but every producer call goes through the name's lock ({@code StreamEntry}), which also
 * orders their memory effects. One consumer: the player's loop. Holds references to shared,
 * immutable tags only, never copies; a slot is cleared as soon as it is taken so the ring pins
 * nothing the player has consumed.
 */
final class PlayerHandoff {

    private final Object[] slots;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();

    /**
     * Creates an empty ring.
     *
     * @param capacity a power of two
     */
    PlayerHandoff(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two: capacity=" + capacity);
        }
        slots = new Object[capacity];
        mask = capacity - 1;
    }

    /** Producer: appends {@code entry}; returns false (and keeps nothing) when the ring is full. */
    boolean offer(Object entry) {
        long t = tail.getPlain();
        if (t - head.getAcquire() == slots.length) {
            return false;
        }
        slots[(int) (t & mask)] = entry;
        tail.setRelease(t + 1);
        return true;
    }

    /** Consumer: takes the oldest entry, or returns null when the ring is empty. */
    Object poll() {
        long h = head.getPlain();
        if (h == tail.getAcquire()) {
            return null;
        }
        int index = (int) (h & mask);
        Object entry = slots[index];
        slots[index] = null;
        head.setRelease(h + 1);
        return entry;
    }

    /** Returns the entries waiting; exact on the consumer, an estimate elsewhere. */
    int size() {
        return (int) (tail.getAcquire() - head.getAcquire());
    }

    /** Returns the capacity. */
    int capacity() {
        return slots.length;
    }
}
