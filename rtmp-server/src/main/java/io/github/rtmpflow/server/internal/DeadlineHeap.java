package io.github.rtmpflow.server.internal;

import java.util.Arrays;

/**
 * The timeouts of one event loop: a binary min-heap of deadlines on the loop's time source,
 * with O(log n) cancellation, so a connection can re-arm its idle timer on every read without
 * leaving dead entries behind.
 *
 * <p>Confined to the loop thread: not thread-safe, no locks. Times are {@code nanoTime}-style
 * values compared by difference, so they may wrap.
 */
public final class DeadlineHeap {

    /** A scheduled action; cancel it through {@link DeadlineHeap#cancel(Timer)}. */
    public static final class Timer {
        private final Runnable action;
        private long deadline;
        private long sequence;
        private int index = -1;

        private Timer(Runnable action) {
            this.action = action;
        }

        /** Returns whether the timer waits in the heap (not yet fired nor cancelled). */
        public boolean isScheduled() {
            return index >= 0;
        }

        /** Returns the deadline of the last scheduling, in time-source nanoseconds. */
        public long deadline() {
            return deadline;
        }
    }

    private Timer[] heap = new Timer[16];
    private int size;
    private long nextSequence;

    /** Creates an empty heap. */
    public DeadlineHeap() {
    }

    /** Creates an unscheduled timer that runs {@code action} when it fires. */
    public Timer newTimer(Runnable action) {
        return new Timer(action);
    }

    /**
     * Schedules {@code timer} at {@code deadline}, moving it when it already waits.
     * Timers with equal deadlines fire in scheduling order.
     */
    public void schedule(Timer timer, long deadline) {
        if (timer.isScheduled()) {
            removeAt(timer.index);
        }
        timer.deadline = deadline;
        timer.sequence = nextSequence++;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = timer;
        timer.index = size;
        size++;
        siftUp(timer.index);
    }

    /** Schedules a new one-shot timer for {@code action} and returns it. */
    public Timer schedule(long deadline, Runnable action) {
        Timer timer = newTimer(action);
        schedule(timer, deadline);
        return timer;
    }

    /** Removes {@code timer} if it waits; does nothing otherwise. */
    public void cancel(Timer timer) {
        if (timer != null && timer.isScheduled()) {
            removeAt(timer.index);
        }
    }

    /** Returns the number of waiting timers. */
    public int size() {
        return size;
    }

    /** Returns whether no timer waits. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Returns the earliest deadline; only valid when not {@link #isEmpty()}. */
    public long earliestDeadline() {
        if (size == 0) {
            throw new IllegalStateException("no timer scheduled: size=0");
        }
        return heap[0].deadline;
    }

    /**
     * Removes and returns the action of the earliest timer whose deadline is at or before
     * {@code now}, or null when none is due. The caller runs it (so a throwing action cannot
     * corrupt the heap) and calls again until null.
     */
    public Runnable pollDue(long now) {
        if (size == 0 || heap[0].deadline - now > 0) {
            return null;
        }
        Timer first = heap[0];
        removeAt(0);
        return first.action;
    }

    private void removeAt(int i) {
        Timer removed = heap[i];
        removed.index = -1;
        size--;
        if (i != size) {
            Timer last = heap[size];
            heap[i] = last;
            last.index = i;
            heap[size] = null;
            siftDown(i);
            if (heap[i] == last) {
                siftUp(i);
            }
        } else {
            heap[size] = null;
        }
    }

    private boolean before(Timer a, Timer b) {
        long diff = a.deadline - b.deadline;
        return diff < 0 || (diff == 0 && a.sequence < b.sequence);
    }

    private void siftUp(int i) {
        Timer timer = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (!before(timer, p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = timer;
        timer.index = i;
    }

    private void siftDown(int i) {
        Timer timer = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(heap[right], heap[child])) {
                child = right;
            }
            if (!before(heap[child], timer)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].index = i;
            i = child;
        }
        heap[i] = timer;
        timer.index = i;
    }
}
