package io.github.rtmpflow.core.chunk;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link BufferBudget} of at most {@code maxBytes}, shared by any number of threads without a
 * lock and without allocating per reservation: partial messages of the connections of one
 * address or of a whole server, or the GOP caches of all a server's streams.
 */
public final class BoundedBudget implements BufferBudget {

    private final long maxBytes;
    private final AtomicLong reserved = new AtomicLong();

    /**
     * Creates a budget of {@code maxBytes}.
     *
     * @throws IllegalArgumentException when {@code maxBytes} is negative
     */
    public BoundedBudget(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: maxBytes=" + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    @Override
    public boolean tryReserve(long bytes) {
        long now;
        do {
            now = reserved.get();
            if (now + bytes > maxBytes) {
                return false;
            }
        } while (!reserved.compareAndSet(now, now + bytes));
        return true;
    }

    @Override
    public void release(long bytes) {
        reserved.addAndGet(-bytes);
    }

    /** Returns the bytes reserved now. */
    public long reservedBytes() {
        return reserved.get();
    }

    /** Returns the bound. */
    public long maxBytes() {
        return maxBytes;
    }

    @Override
    public String toString() {
        return "BoundedBudget[maxBytes=" + maxBytes + ", reserved=" + reserved.get() + "]";
    }
}
