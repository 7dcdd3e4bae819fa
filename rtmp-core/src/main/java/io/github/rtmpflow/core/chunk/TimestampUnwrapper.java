package io.github.rtmpflow.core.chunk;

/**
 * Extends a sequence of 32-bit wire timestamps (milliseconds, wrapping after about 49.7
 * days) to a 64-bit timeline. Keep one per timeline (per chunk stream, per track); not
 * thread-safe.
 *
 * <p>Only the 32-bit wrap is undone: a backwards step of more than 2^31 is taken as the
 * counter wrapping and adds 2^32; once wrapped, a forward step of more than 2^31 is taken as
 * a small step back across the wrap (an audio message slightly older than the video message
 * before it) and subtracts 2^32. Every other jump, forwards or backwards (a publisher that
 * restarts at 0), is passed on as it is: it is a discontinuity for the caller to judge, not
 * something to hide.
 */
public final class TimestampUnwrapper {

    private static final long WRAP = 1L << 32;
    private static final long HALF = 1L << 31;

    private boolean started;
    private long last;

    /** Creates an unwrapper whose first timestamp is taken as it is. */
    public TimestampUnwrapper() {
    }

    /**
     * Returns the 64-bit timestamp for the next wire timestamp.
     *
     * @param wireTimestamp the 32-bit wire value, as an int bit pattern (unsigned)
     * @return the unwrapped timestamp, never negative
     */
    public long unwrap(int wireTimestamp) {
        long wire = Integer.toUnsignedLong(wireTimestamp);
        if (!started) {
            started = true;
            last = wire;
            return wire;
        }
        long step = wire - (last & 0xFFFF_FFFFL);
        if (step < -HALF) {
            step += WRAP;
        } else if (step > HALF && last >= WRAP) {
            step -= WRAP;
        }
        last += step;
        return last;
    }

    /** Returns the last unwrapped timestamp, or -1 before the first. */
    public long last() {
        return started ? last : -1;
    }

    /** Forgets the timeline: the next timestamp is taken as it is. */
    public void reset() {
        started = false;
        last = 0;
    }
}
