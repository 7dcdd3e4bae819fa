package io.github.rtmpflow.flv;

import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds the shared delivery executor, created on first use: a cached pool of daemon threads
 * named {@code rtmpflow-fanout-N}. Cached rather than fixed so that a subscriber that blocks
 * takes a thread of its own instead of starving the others; daemon so that it never keeps a
 * JVM alive.
 */
final class DefaultExecutorHolder {
    static final Executor EXECUTOR = create();

    private DefaultExecutorHolder() {
    }

    private static Executor create() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "rtmpflow-fanout-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }
}
