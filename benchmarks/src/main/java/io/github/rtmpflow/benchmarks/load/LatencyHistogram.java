package io.github.rtmpflow.benchmarks.load;

import java.util.Arrays;

/**
 * A log-linear histogram of durations in microseconds, exact below 1024 µs and within 0.2%
 * above (the layout HdrHistogram uses with 10 significant bits): fixed size, no allocation per
 * value. Not thread-safe: one per loop, merged after the run.
 */
public final class LatencyHistogram {

    private static final int SUB_BUCKETS = 1024;
    private static final int HALF = SUB_BUCKETS / 2;
    private static final int SIGNIFICANT_BITS = 10;
    private static final int MAX_SHIFT = 54;

    private final long[] counts = new long[SUB_BUCKETS + MAX_SHIFT * HALF];
    private long count;
    private long max;

    /** Records a duration given in nanoseconds (negative counts as 0). */
    public void recordNanos(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        counts[index(micros)]++;
        count++;
        max = Math.max(max, micros);
    }

    /** Forgets every value. */
    public void reset() {
        Arrays.fill(counts, 0);
        count = 0;
        max = 0;
    }

    /** Adds every value of {@code other}. */
    public void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        count += other.count;
        max = Math.max(max, other.max);
    }

    /** Returns how many values were recorded. */
    public long count() {
        return count;
    }

    /** Returns the largest value, in µs (0 when empty). */
    public long maxMicros() {
        return max;
    }

    /**
     * Returns the value at quantile {@code q} (0..1) in µs: the lower bound of the bucket that
     * holds the {@code ceil(q * count)}-th value, at most the maximum; 0 when empty.
     */
    public long percentileMicros(double q) {
        if (count == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(q * count));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(lowerBound(i), max);
            }
        }
        return max;
    }

    static int index(long micros) {
        if (micros < SUB_BUCKETS) {
            return (int) micros;
        }
        int shift = 63 - Long.numberOfLeadingZeros(micros) - (SIGNIFICANT_BITS - 1);
        return SUB_BUCKETS + (shift - 1) * HALF + (int) ((micros >>> shift) - HALF);
    }

    static long lowerBound(int index) {
        if (index < SUB_BUCKETS) {
            return index;
        }
        int shift = (index - SUB_BUCKETS) / HALF + 1;
        long mantissa = (index - SUB_BUCKETS) % HALF + HALF;
        return mantissa << shift;
    }
}
