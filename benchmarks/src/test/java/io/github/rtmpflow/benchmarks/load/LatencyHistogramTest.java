package io.github.rtmpflow.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LatencyHistogramTest {

    @Test
    void shouldBeExactBelow1024Micros() {
        LatencyHistogram h = new LatencyHistogram();
        for (int micros = 1; micros <= 100; micros++) {
            h.recordNanos(micros * 1000L);
        }

        assertThat(h.count()).isEqualTo(100);
        assertThat(h.percentileMicros(0.5)).isEqualTo(50);
        assertThat(h.percentileMicros(0.99)).isEqualTo(99);
        assertThat(h.percentileMicros(1.0)).isEqualTo(100);
        assertThat(h.maxMicros()).isEqualTo(100);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldStayWithinTwoPerMilleOfTheExactPercentile(long seed) {
        Random random = new Random(seed);
        LatencyHistogram h = new LatencyHistogram();
        long[] values = new long[10_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(random.nextDouble() * 25); // 1 µs .. 2 * 10^10 µs
            h.recordNanos(values[i] * 1000);
        }
        Arrays.sort(values);

        for (double q : new double[] {0.5, 0.9, 0.99}) {
            long exact = values[(int) Math.ceil(q * values.length) - 1];
            assertThat((double) h.percentileMicros(q)).as("q=%s", q).isCloseTo(exact, within(exact * 0.002 + 1));
        }
        assertThat(h.maxMicros()).isEqualTo(values[values.length - 1]);
    }

    @Test
    void shouldMapEveryBucketBackToItsLowerBound() {
        for (long v : new long[] {0, 1023, 1024, 1025, 2047, 2048, 1L << 40, Long.MAX_VALUE / 1000}) {
            int index = LatencyHistogram.index(v);
            assertThat(LatencyHistogram.lowerBound(index)).as("v=%d", v).isLessThanOrEqualTo(v);
            assertThat(LatencyHistogram.lowerBound(index + 1)).as("v=%d", v).isGreaterThan(v);
        }
    }

    @Test
    void shouldAddAnotherHistogram() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.recordNanos(1_000);
        b.recordNanos(3_000_000);

        a.add(b);

        assertThat(a.count()).isEqualTo(2);
        assertThat(a.maxMicros()).isEqualTo(3000);
        assertThat(a.percentileMicros(0.5)).isEqualTo(1);
    }

    @Test
    void shouldReportZeroWhenEmpty() {
        assertThat(new LatencyHistogram().percentileMicros(0.99)).isZero();
    }
}
