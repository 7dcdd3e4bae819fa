package io.github.rtmpflow.flv;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One {@link OverflowPolicy#PAUSE_PRODUCER} subscriber's hold on the producer of its fan-out:
 * taken when its queue reaches the soft bounds, released when the queue has drained to half of
 * them (hysteresis, so the producer does not flap) or the subscriber leaves.
 *
 * <p>The producer takes the hold after an append and the consumer releases it after removals;
 * each writes its own state and then reads the other's, with a full fence in between (the CAS
 * on one side, {@link VarHandle#fullFence()} on the other), so a hold taken just as the queue
 * drains is never left standing.
 */
final class PauseHold {
    private final TagFanout fanout;
    private final BoundedTagQueue queue;
    private final AtomicBoolean held = new AtomicBoolean();

    PauseHold(TagFanout fanout, BoundedTagQueue queue) {
        this.fanout = fanout;
        this.queue = queue;
    }

    /** Producer, after an append: holds the producer if the queue is at its bounds. */
    void holdIfFull() {
        if (queue.atSoftBound() && held.compareAndSet(false, true)) {
            fanout.pauseAdded();
            // The consumer may have drained the queue before it could see the hold.
            if (queue.belowLowWater() && held.compareAndSet(true, false)) {
                fanout.pauseReleased(true);
            }
        }
    }

    /** Consumer, after a drain pass: releases the hold once the queue is down to half. */
    void releaseIfDrained() {
        VarHandle.fullFence();
        if (held.get() && queue.belowLowWater()) {
            release(false);
        }
    }

    /**
     * Any thread: releases the hold, if taken.
     *
     * @param byProducer true on the producer's thread inside publish, which then tells the
     *     producer through its return value rather than through the resume callback
     */
    void release(boolean byProducer) {
        if (held.compareAndSet(true, false)) {
            fanout.pauseReleased(byProducer);
        }
    }
}
