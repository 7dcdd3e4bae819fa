package io.github.rtmpflow.flv;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A statistics counter with one writing thread at a time and any number of readers: the
 * writer publishes with a release store (a plain store on x86), so counting a tag costs no
 * fence, unlike a volatile write; readers see a recent value.
 */
final class SingleWriterCounter {
    private static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(SingleWriterCounter.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // written through VALUE
    private long value;

    /** Writer only: adds {@code delta}. */
    void add(long delta) {
        VALUE.setRelease(this, (long) VALUE.getOpaque(this) + delta);
    }

    /** Any thread: the latest published value. */
    long get() {
        return (long) VALUE.getAcquire(this);
    }
}
