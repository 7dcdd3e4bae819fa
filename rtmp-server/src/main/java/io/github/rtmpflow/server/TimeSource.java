package io.github.rtmpflow.server;

/**
 * The monotonic clock the server measures its timeouts with (handshake, idle, publisher idle,
 * pings, authorization) and its statistics' durations and rates. The default is
 * {@link System#nanoTime()}; tests inject their own to make timeouts happen without waiting.
 *
 * <p>Values are nanoseconds from an arbitrary origin and are only compared by difference, like
 * {@code System.nanoTime()}. The server reads it from its event loop threads, so an injected
 * source must be thread-safe (an {@code AtomicLong} is enough). When a source other than
 * {@link #system()} is used, the event loops look at it at least every few milliseconds, so a
 * test that advances it sees the due timeouts fire promptly.
 */
@FunctionalInterface
public interface TimeSource {

    /** Returns the current time in nanoseconds from an arbitrary origin. */
    long nanoTime();

    /** Returns the system's monotonic clock, {@link System#nanoTime()}. */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}
