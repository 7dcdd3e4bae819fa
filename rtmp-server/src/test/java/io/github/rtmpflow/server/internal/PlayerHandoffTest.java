package io.github.rtmpflow.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlayerHandoffTest {

    @Test
    void shouldHandEntriesOverInOrderUpToItsCapacity() {
        PlayerHandoff ring = new PlayerHandoff(4);
        for (int i = 0; i < 4; i++) {
            assertThat(ring.offer(i)).isTrue();
        }

        assertThat(ring.offer(4)).as("full").isFalse();
        assertThat(ring.poll()).isEqualTo(0);
        assertThat(ring.offer(4)).isTrue();
        List<Object> rest = new ArrayList<>();
        for (Object o = ring.poll(); o != null; o = ring.poll()) {
            rest.add(o);
        }
        assertThat(rest).containsExactly(1, 2, 3, 4);
        assertThat(ring.size()).isZero();
    }

    @Test
    void shouldCarryEveryEntryFromAProducerThreadToAConsumerThreadInOrder() throws Exception {
        PlayerHandoff ring = new PlayerHandoff(16);
        int count = 20_000;
        Thread producer = new Thread(() -> {
            for (int i = 0; i < count; i++) {
                while (!ring.offer(i)) {
                    Thread.yield();
                }
            }
        });
        producer.start();
        int expected = 0;
        while (expected < count) {
            Object o = ring.poll();
            if (o == null) {
                Thread.yield();
                continue;
            }
            if (!Integer.valueOf(expected).equals(o)) {
                throw new AssertionError("entry " + expected + " arrived as " + o);
            }
            expected++;
        }
        producer.join();
        assertThat(ring.poll()).isNull();
    }

    @Test
    void shouldRefuseACapacityThatIsNotAPowerOfTwo() {
        assertThatThrownBy(() -> new PlayerHandoff(1000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("capacity=1000");
    }
}
