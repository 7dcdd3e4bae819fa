package io.github.rtmpflow.server.testing;

import io.github.rtmpflow.server.TimeSource;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A time source the test advances by hand. */
public final class ManualTime implements TimeSource {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    @Override
    public long nanoTime() {
        return now.get();
    }

    /** Moves time forward. */
    public void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }
}
