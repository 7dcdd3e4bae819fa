package io.github.rtmpflow.flv;

import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Flow.Subscriber} of a {@link TagFanout}: a bounded queue filled by the producer and
 * a drain task on the subscriber's executor that delivers it as demand allows.
 *
 * <p>Threads: the producer side ({@link #onTag}, {@link #attach}, the overflow policy) runs on
 * the publishing thread; the drain runs on the executor, one pass at a time thanks to the
 * work-in-progress counter {@link #wip} (every signal to the subscriber happens in a drain
 * pass, so signals are serialized, SPEC: Reactive Streams 1.3); {@code request} and
 * {@code cancel} may come from any thread. Once the subscriber has received its terminal signal
 * or been cancelled, the drain leaves {@code wip} above zero for good, so no task is ever
 * scheduled again.
 */
final class QueuedSubscription extends Sink implements Flow.Subscription {
    private static final Logger LOG = LoggerFactory.getLogger(TagFanout.class);
    /** Tags delivered per drain pass before the pass yields its executor thread. */
    private static final int BATCH = 128;
    private static final Terminal COMPLETE = new Terminal(null, false);

    /** A terminal signal: completion (no error) or an error, delivered at once or after the queue. */
    private record Terminal(Throwable error, boolean immediate) {
    }

    private final TagFanout fanout;
    private final SubscribeOptions options;
    private final Executor executor;
    private final boolean batching;
    private final BoundedTagQueue queue;
    private final DiscontinuityListener discontinuityListener;
    private final Runnable drainTask = this::drain;
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicReference<Terminal> terminal = new AtomicReference<>();
    private final PauseHold pauseHold;
    private volatile boolean cancelled;

    // Consumer side (drain passes).
    private Flow.Subscriber<? super FlvTag> subscriber;
    private boolean subscribed;
    private final SingleWriterCounter deliveredTags = new SingleWriterCounter();
    private final SingleWriterCounter deliveredBytes = new SingleWriterCounter();

    // Producer side.
    private final SingleWriterCounter droppedTags = new SingleWriterCounter();
    private final SingleWriterCounter droppedBytes = new SingleWriterCounter();
    private boolean warnedDrop;

    QueuedSubscription(TagFanout fanout, Flow.Subscriber<? super FlvTag> subscriber, SubscribeOptions options) {
        super(options.name(), options.replayGop(), options.trackSelection());
        this.fanout = fanout;
        this.subscriber = subscriber;
        this.options = options;
        this.executor = options.executor();
        this.batching = options.executor() != SubscribeOptions.CALLER_THREAD;
        this.queue = new BoundedTagQueue(options.maxQueuedTags(), options.maxQueuedBytes());
        this.pauseHold = new PauseHold(fanout, queue);
        this.discontinuityListener = subscriber instanceof DiscontinuityListener
                ? (DiscontinuityListener) subscriber : null;
    }

    /** Schedules the first drain pass, which signals {@code onSubscribe}. */
    void start() {
        schedule();
    }

    // ---------------------------------------------------------------- producer side

    @Override
    void onTag(FlvTag tag, TagKind kind, boolean audioOnly) {
        if (cancelled || terminal.get() != null) {
            return;
        }
        if (kind.isControl()) {
            deliverControl(tag);
            return;
        }
        boolean bounded = options.overflowPolicy() != OverflowPolicy.PAUSE_PRODUCER;
        if (mode != NORMAL) {
            if (!kind.resumesDelivery(audioOnly)) {
                if (mode == DROPPING) {
                    drop(tag);
                }
                return;
            }
            if (bounded && !queue.fits(tag.size())) {
                if (mode == DROPPING) {
                    drop(tag);
                } else {
                    overflow(tag);
                }
                return;
            }
            if (mode == DROPPING) {
                LOG.debug("[{}] subscriber {} resumes at {} after {} dropped tags", fanout.name(), name(), tag, droppedTags.get());
            }
            mode = NORMAL;
        } else if (bounded && !queue.fits(tag.size())) {
            overflow(tag);
            return;
        }
        enqueue(tag);
    }

    @Override
    void deliverControl(FlvTag tag) {
        enqueue(tag);
    }

    @Override
    void deliverMedia(FlvTag tag) {
        enqueue(tag);
    }

    @Override
    boolean acceptsGop(GopCache gop) {
        return queue.fits(gop.size(), gop.bytes());
    }

    @Override
    void deliverDiscontinuity() {
        if (discontinuityListener != null && !cancelled && terminal.get() == null) {
            enqueueItem(BoundedTagQueue.DISCONTINUITY);
        }
    }

    private void enqueue(FlvTag tag) {
        enqueueItem(tag);
    }

    /**
     * Appends to the queue. Past the soft bounds only never-dropped tags and a pausing
     * producer's overshoot arrive here; past twice the bounds the subscriber has stalled.
     */
    private void enqueueItem(Object item) {
        if (cancelled || terminal.get() != null) {
            return;
        }
        if (!queue.offer(item)) {
            disconnect("queue stalled past twice its bounds");
            return;
        }
        if (item != BoundedTagQueue.DISCONTINUITY) {
            sinceMarker = true;
        }
        if (options.overflowPolicy() == OverflowPolicy.PAUSE_PRODUCER) {
            pauseHold.holdIfFull();
        }
        schedule();
    }

    private void overflow(FlvTag tag) {
        if (options.overflowPolicy() == OverflowPolicy.DISCONNECT) {
            disconnect("queue full");
            return;
        }
        mode = DROPPING;
        if (!warnedDrop) {
            warnedDrop = true;
            LOG.warn("[{}] subscriber {} fell behind: dropping media until the next keyframe (queued {} tags, {} bytes)",
                    fanout.name(), name(), queue.size(), queue.bytes());
        } else {
            LOG.debug("[{}] subscriber {} fell behind again: dropping media until the next keyframe",
                    fanout.name(), name());
        }
        drop(tag);
    }

    private void drop(FlvTag tag) {
        droppedTags.add(1);
        droppedBytes.add(tag.size());
    }

    private void disconnect(String reason) {
        String message = reason + ": subscriber=" + name() + ", queuedTags=" + queue.size() + ", queuedBytes="
                + queue.bytes() + ", maxQueuedTags=" + options.maxQueuedTags() + ", maxQueuedBytes="
                + options.maxQueuedBytes();
        if (terminateNow(new SubscriberOverflowException(message), true)) {
            LOG.warn("[{}] disconnecting subscriber: {}", fanout.name(), message);
        }
    }

    /**
     * Any thread: ends the subscription with an error delivered at once, discarding the queue.
     * It replaces a completion or error still waiting behind queued tags: the drain delivers at
     * most one terminal signal, whichever it reads.
     */
    private boolean terminateNow(Throwable error, boolean byProducer) {
        Terminal next = new Terminal(error, true);
        Terminal current;
        do {
            current = terminal.get();
            if (cancelled || (current != null && current.immediate())) {
                return false;
            }
        } while (!terminal.compareAndSet(current, next));
        fanout.remove(this);
        pauseHold.release(byProducer);
        schedule();
        return true;
    }

    @Override
    void terminate(Throwable error) {
        if (terminal.compareAndSet(null, error == null ? COMPLETE : new Terminal(error, false))) {
            schedule();
        }
    }

    // ---------------------------------------------------------------- subscriber side

    @Override
    public void request(long n) {
        if (n <= 0) {
            // SPEC: Reactive Streams 3.9: a non-positive request signals IllegalArgumentException.
            IllegalArgumentException error = new IllegalArgumentException(
                    "request must be positive (Reactive Streams 3.9): n=" + n);
            terminateNow(error, false);
            return;
        }
        long current;
        long next;
        do {
            current = requested.get();
            if (current == Long.MAX_VALUE) {
                break;
            }
            // SPEC: Reactive Streams 3.17: demand beyond Long.MAX_VALUE is unbounded.
            next = current + n < 0 ? Long.MAX_VALUE : current + n;
        } while (!requested.compareAndSet(current, next));
        schedule();
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            fanout.remove(this);
            pauseHold.release(false);
            schedule();
        }
    }

    @Override
    public boolean isClosed() {
        return cancelled || terminal.get() != null;
    }

    @Override
    public SubscriberStatistics statistics() {
        return new SubscriberStatistics(name(), options.overflowPolicy(), deliveredTags.get(), deliveredBytes.get(),
                droppedTags.get(), droppedBytes.get(), queue.size(), queue.bytes());
    }

    private void schedule() {
        if (wip.getAndIncrement() == 0) {
            execute();
        }
    }

    private void execute() {
        try {
            executor.execute(drainTask);
        } catch (RejectedExecutionException e) {
            // Nobody can deliver to this subscriber any more; wip stays raised so nothing retries.
            LOG.warn("[{}] executor rejected delivery to subscriber {}; cancelling it", fanout.name(), name(), e);
            cancelled = true;
            fanout.remove(this);
            pauseHold.release(false);
        }
    }

    /** One drain pass: onSubscribe first, then tags as demand allows, then the terminal signal. */
    private void drain() {
        Flow.Subscriber<? super FlvTag> s = subscriber;
        if (s == null) {
            return;
        }
        int missed = 1;
        for (;;) {
            if (!subscribed) {
                subscribed = true;
                try {
                    s.onSubscribe(this);
                } catch (Throwable t) {
                    subscriberFailed("onSubscribe", t);
                }
            }
            Terminal t = terminal.get();
            if (cancelled || (t != null && t.immediate())) {
                finish(cancelled ? null : t);
                return;
            }
            if (!emit(s)) {
                return;
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    /**
     * Delivers what is queued, tags as far as demand allows (discontinuities need none), then
     * the terminal signal once the queue is empty. Returns false when the pass must end here:
     * the subscription finished, or the pass yielded its thread after a batch (leaving
     * {@code wip} raised for the pass it scheduled).
     */
    private boolean emit(Flow.Subscriber<? super FlvTag> s) {
        long r = requested.get();
        long e = 0;
        long bytes = 0;
        for (;;) {
            if (cancelled) {
                commit(e, bytes, r);
                finish(null);
                return false;
            }
            Terminal t = terminal.get();
            Object head = queue.peek();
            if (head == null) {
                commit(e, bytes, r);
                if (t != null) {
                    finish(t);
                    return false;
                }
                return true;
            }
            if (head == BoundedTagQueue.DISCONTINUITY) {
                queue.remove(head);
                signalDiscontinuity();
                continue;
            }
            if (e == r) {
                commit(e, bytes, r);
                return true;
            }
            queue.remove(head);
            FlvTag tag = (FlvTag) head;
            e++;
            bytes += tag.size();
            try {
                s.onNext(tag);
            } catch (Throwable ex) {
                subscriberFailed("onNext", ex);
                continue;
            }
            if (batching && e % BATCH == 0 && e != r && queue.peek() != null) {
                commit(e, bytes, r);
                // Yield the thread to other tasks of a shared executor; wip stays raised.
                execute();
                return false;
            }
        }
    }

    /** Consumer: records what a pass delivered and lets a paused producer go on when drained. */
    private void commit(long emitted, long bytes, long requestedAtStart) {
        if (emitted != 0) {
            deliveredTags.add(emitted);
            deliveredBytes.add(bytes);
            if (requestedAtStart != Long.MAX_VALUE) {
                requested.addAndGet(-emitted);
            }
        }
        if (options.overflowPolicy() == OverflowPolicy.PAUSE_PRODUCER) {
            pauseHold.releaseIfDrained();
        }
    }

    private void signalDiscontinuity() {
        try {
            discontinuityListener.onDiscontinuity();
        } catch (Throwable t) {
            subscriberFailed("onDiscontinuity", t);
        }
    }

    /** SPEC: Reactive Streams 2.13: a subscriber that throws is treated as having cancelled. */
    private void subscriberFailed(String method, Throwable t) {
        LOG.warn("[{}] subscriber {} threw from {}; cancelling it", fanout.name(), name(), method, t);
        cancelled = true;
        if (t instanceof VirtualMachineError) {
            throw (VirtualMachineError) t;
        }
    }

    /** Consumer: frees the queue, drops the subscriber and signals the terminal, if any, last. */
    private void finish(Terminal t) {
        Flow.Subscriber<? super FlvTag> s = subscriber;
        subscriber = null;
        queue.clear();
        fanout.remove(this);
        pauseHold.release(false);
        if (t == null || s == null) {
            return;
        }
        try {
            if (t.error() == null) {
                s.onComplete();
            } else {
                s.onError(t.error());
            }
        } catch (Throwable ex) {
            LOG.warn("[{}] subscriber {} threw from its terminal signal", fanout.name(), name(), ex);
        }
    }
}
