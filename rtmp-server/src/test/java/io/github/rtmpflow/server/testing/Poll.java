package io.github.rtmpflow.server.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition with a generous deadline; never asserts on elapsed time. */
public final class Poll {
    /** The deadline of every wait: long, since CI machines are slow and shared. */
    public static final Duration DEADLINE = Duration.ofSeconds(30);

    private Poll() {
    }

    /** Waits until {@code condition} holds; throws AssertionError with {@code what} at the deadline. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEADLINE, condition);
    }

    /** Waits until {@code condition} holds; throws AssertionError with {@code what} after {@code deadline}. */
    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("timed out after " + deadline + " waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
