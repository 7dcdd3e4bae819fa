package io.github.rtmpflow.server.interop;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition by polling it, with a generous deadline (tests never sleep to wait). */
public final class Poll {

    private static final long INTERVAL_MILLIS = 10;

    private Poll() {
    }

    /** Polls {@code condition} until true; fails with {@code what} after {@code deadline}. */
    public static void until(String what, Duration deadline, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("timed out after " + deadline + " waiting for " + what);
            }
            try {
                Thread.sleep(INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
