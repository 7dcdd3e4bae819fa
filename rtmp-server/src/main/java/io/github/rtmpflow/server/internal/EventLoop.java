package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.server.TimeSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread owning one {@link Selector} and every connection registered with it.
 *
 * <p>Other threads hand work in with {@link #execute(Runnable)}: the task goes into a
 * multi-producer queue and the selector is woken only when the loop sleeps in {@code select}.
 * Timeouts live in a {@link DeadlineHeap} on the injected {@link TimeSource}. Connections ask
 * for a flush with {@link #requestFlush(Flushable)}, so all replies produced while handling one
 * round of events leave in one gathering write per connection. Every task, timer and key
 * handler is wrapped: a throwing one is logged at WARN and the loop goes on.
 */
public final class EventLoop implements Executor {

    /**
     * Size of the loop's shared direct read buffer: large, so that a busy publisher is read with
     * few system calls (at 16 fast publishers, 256 KiB took about a tenth less server CPU per
     * byte than 64 KiB: README, Performance), yet one per loop, not per connection.
     */
    public static final int READ_BUFFER_SIZE = 256 * 1024;
    /** How often the loop looks at an injected (non-system) time source at least. */
    static final long INJECTED_TIME_POLL_MILLIS = 5;
    /** Longest sleep in select with the system clock; a safety net, deadlines wake it sooner. */
    static final long MAX_SELECT_MILLIS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    /** A selection key attachment: called on the loop when its key is ready. */
    public interface KeyHandler {
        /** Handles the ready operations of {@code key}; may throw, the loop then closes it. */
        void onReady(SelectionKey key);

        /** Called when {@link #onReady} threw: release the channel. */
        void onFailure(Throwable error);
    }

    /** Something with bytes to write at the end of this loop iteration. */
    public interface Flushable {
        /** Writes what it can; called on the loop thread. */
        void flush();
    }

    private final String name;
    private final TimeSource time;
    private final boolean systemTime;
    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sleeping = new AtomicBoolean();
    private final DeadlineHeap deadlines = new DeadlineHeap();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_SIZE);
    private final OutboundBufferPool outboundPool = new OutboundBufferPool();
    private final List<Flushable> flushes = new ArrayList<>();
    private final List<Flushable> flushing = new ArrayList<>();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Creates a loop; {@link #start()} starts its thread.
     *
     * @param name thread name
     * @param time the clock of the deadlines
     */
    public EventLoop(String name, TimeSource time) {
        this.name = name;
        this.time = time;
        this.systemTime = time == TimeSource.system();
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open selector: loop=" + name, e);
        }
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Starts the loop thread. */
    public void start() {
        thread.start();
    }

    /** Returns the loop's name. */
    public String name() {
        return name;
    }

    /** Returns whether the caller runs on this loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Returns the current time of the loop's time source. */
    public long now() {
        return time.nanoTime();
    }

    /** Returns the loop's selector; register channels only from the loop thread. */
    public Selector selector() {
        return selector;
    }

    /** Returns the deadline heap; loop thread only. */
    public DeadlineHeap deadlines() {
        return deadlines;
    }

    /**
     * Returns the loop's shared read buffer, cleared; loop thread only. Its content is valid only
     * until the reader returns to the loop: whoever needs bytes longer copies them.
     */
    public ByteBuffer readBuffer() {
        return readBuffer.clear();
    }

    /** Returns the loop's pool of outbound buffers; loop thread only. */
    public OutboundBufferPool outboundPool() {
        return outboundPool;
    }

    /**
     * Runs {@code task} on the loop thread, after what is already queued. Callable from any
     * thread; a task given after shutdown is dropped.
     */
    @Override
    public void execute(Runnable task) {
        if (!running) {
            LOG.debug("[{}] loop stopped, task dropped", name);
            return;
        }
        tasks.add(task);
        if (sleeping.compareAndSet(true, false)) {
            selector.wakeup();
        }
    }


    /** Asks for {@code target.flush()} at the end of this iteration; loop thread only. */
    public void requestFlush(Flushable target) {
        flushes.add(target);
    }

    /** Asks the loop to stop after running the tasks already queued. */
    public void shutdown() {
        execute(() -> running = false);
    }

    /** Waits until the loop thread ended; returns whether it did in time. */
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return terminated.await(timeout, unit);
    }

    private void run() {
        try {
            while (running) {
                runTasks();
                runDueTimers();
                runFlushes();
                if (!running) {
                    break;
                }
                select();
                runFlushes();
            }
            runTasks();
            runFlushes();
        } catch (ClosedSelectorException e) {
            LOG.debug("[{}] selector closed", name);
        } catch (Throwable t) {
            LOG.error("[{}] event loop died", name, t);
        } finally {
            running = false;
            closeSelector();
            terminated.countDown();
        }
    }

    private void select() throws IOException {
        long timeoutMillis = timeoutMillis();
        if (!tasks.isEmpty() || !flushes.isEmpty()) {
            selector.selectNow(this::onReady);
            return;
        }
        sleeping.set(true);
        try {
            if (tasks.isEmpty()) {
                selector.select(this::onReady, timeoutMillis);
            } else {
                selector.selectNow(this::onReady);
            }
        } finally {
            sleeping.set(false);
        }
    }

    private long timeoutMillis() {
        long cap = systemTime ? MAX_SELECT_MILLIS : INJECTED_TIME_POLL_MILLIS;
        if (deadlines.isEmpty()) {
            return cap;
        }
        long waitNanos = deadlines.earliestDeadline() - time.nanoTime();
        if (waitNanos <= 0) {
            return 1;
        }
        return Math.max(1, Math.min(cap, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999)));
    }

    private void onReady(SelectionKey key) {
        KeyHandler handler = (KeyHandler) key.attachment();
        try {
            handler.onReady(key);
        } catch (Throwable t) {
            LOG.warn("[{}] key handler failed", name, t);
            try {
                handler.onFailure(t);
            } catch (Throwable inner) {
                LOG.warn("[{}] key failure handler failed", name, inner);
            }
        }
    }

    private void runTasks() {
        // Bounded per iteration so a flood of tasks cannot starve the sockets.
        for (int i = 0; i < 4096; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            safeRun(task, "task");
        }
    }

    private void runDueTimers() {
        long now = time.nanoTime();
        Runnable due;
        while ((due = deadlines.pollDue(now)) != null) {
            safeRun(due, "timer");
        }
    }

    private void runFlushes() {
        while (!flushes.isEmpty()) {
            flushing.addAll(flushes);
            flushes.clear();
            for (Flushable target : flushing) {
                safeRun(target::flush, "flush");
            }
            flushing.clear();
        }
    }

    private void safeRun(Runnable task, String what) {
        try {
            task.run();
        } catch (Throwable t) {
            LOG.warn("[{}] {} failed", name, what, t);
        }
    }

    private void closeSelector() {
        for (SelectionKey key : selector.keys()) {
            try {
                key.channel().close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("[{}] close on shutdown failed", name, e);
            }
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("[{}] selector close failed", name, e);
        }
    }
}
