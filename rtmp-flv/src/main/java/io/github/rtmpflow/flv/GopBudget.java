package io.github.rtmpflow.flv;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A byte budget shared by the GOP caches of many {@link TagFanout}s (a server's streams), so
 * that what is kept for late joiners stays bounded however many streams are live: a cache that
 * cannot reserve the bytes of its next tag drops its GOP (never a tag of the stream) until the
 * next keyframe, and late joiners of that stream then start at that keyframe.
 *
 * <p>Thread-safe: caches on different event loops reserve and release concurrently.
 */
public final class GopBudget {

    private static final GopBudget UNLIMITED = new GopBudget(Long.MAX_VALUE);

    private final long maxBytes;
    private final AtomicLong reserved = new AtomicLong();

    /**
     * Creates a budget of {@code maxBytes} body bytes.
     *
     * @throws IllegalArgumentException when {@code maxBytes} is negative
     */
    public GopBudget(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: maxBytes=" + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** Returns the budget that never refuses (each cache is still bounded by its own options). */
    public static GopBudget unlimited() {
        return UNLIMITED;
    }

    /** Returns the bound in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** Returns the bytes reserved by all caches now. */
    public long reservedBytes() {
        return reserved.get();
    }

    /** Reserves {@code bytes} if the budget has room; returns whether it did. */
    boolean tryReserve(long bytes) {
        if (this == UNLIMITED) {
            return true;
        }
        long now;
        do {
            now = reserved.get();
            if (now + bytes > maxBytes) {
                return false;
            }
        } while (!reserved.compareAndSet(now, now + bytes));
        return true;
    }

    /** Gives back {@code bytes} reserved earlier. */
    void release(long bytes) {
        if (this != UNLIMITED && bytes != 0) {
            reserved.addAndGet(-bytes);
        }
    }

    @Override
    public String toString() {
        return this == UNLIMITED ? "GopBudget[unlimited]" : "GopBudget[maxBytes=" + maxBytes + ", reserved=" + reserved.get() + "]";
    }
}
