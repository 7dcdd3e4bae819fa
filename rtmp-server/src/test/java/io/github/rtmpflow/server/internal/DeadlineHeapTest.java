package io.github.rtmpflow.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DeadlineHeapTest {

    @Test
    void shouldFireInDeadlineOrderThenSchedulingOrder() {
        DeadlineHeap heap = new DeadlineHeap();
        List<String> fired = new ArrayList<>();
        heap.schedule(30, () -> fired.add("c"));
        heap.schedule(10, () -> fired.add("a"));
        heap.schedule(20, () -> fired.add("b1"));
        heap.schedule(20, () -> fired.add("b2"));

        drain(heap, 25);
        assertThat(fired).containsExactly("a", "b1", "b2");
        drain(heap, 30);
        assertThat(fired).containsExactly("a", "b1", "b2", "c");
        assertThat(heap.isEmpty()).isTrue();
    }

    @Test
    void shouldNotFireCancelledOrMovedTimers() {
        DeadlineHeap heap = new DeadlineHeap();
        List<String> fired = new ArrayList<>();
        DeadlineHeap.Timer cancelled = heap.schedule(10, () -> fired.add("cancelled"));
        DeadlineHeap.Timer moved = heap.schedule(10, () -> fired.add("moved"));
        heap.cancel(cancelled);
        heap.schedule(moved, 100);

        drain(heap, 50);
        assertThat(fired).isEmpty();
        assertThat(cancelled.isScheduled()).isFalse();
        assertThat(heap.earliestDeadline()).isEqualTo(100);
        drain(heap, 100);
        assertThat(fired).containsExactly("moved");
    }

    @Test
    void shouldCompareDeadlinesAcrossTheLongWrap() {
        DeadlineHeap heap = new DeadlineHeap();
        List<String> fired = new ArrayList<>();
        heap.schedule(Long.MIN_VALUE + 5, () -> fired.add("after wrap"));
        heap.schedule(Long.MAX_VALUE - 5, () -> fired.add("before wrap"));

        drain(heap, Long.MAX_VALUE);
        assertThat(fired).containsExactly("before wrap");
        drain(heap, Long.MIN_VALUE + 5);
        assertThat(fired).containsExactly("before wrap", "after wrap");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void shouldMatchASortedModelUnderRandomScheduleAndCancel(long seed) {
        Random random = new Random(seed);
        DeadlineHeap heap = new DeadlineHeap();
        TreeMap<Long, Integer> expected = new TreeMap<>();
        List<DeadlineHeap.Timer> timers = new ArrayList<>();
        List<Integer> fired = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int id = i;
            long deadline = random.nextInt(1_000_000) * 1000L + i; // unique deadlines
            timers.add(heap.schedule(deadline, () -> fired.add(id)));
            expected.put(deadline, id);
        }
        for (int i = 0; i < 200; i++) {
            DeadlineHeap.Timer timer = timers.get(random.nextInt(timers.size()));
            if (timer.isScheduled()) {
                expected.remove(timer.deadline());
                heap.cancel(timer);
            }
        }
        assertThat(heap.size()).isEqualTo(expected.size());
        drain(heap, Long.MAX_VALUE / 2);
        assertThat(fired).containsExactlyElementsOf(expected.values());
    }

    private static void drain(DeadlineHeap heap, long now) {
        Runnable due;
        while ((due = heap.pollDue(now)) != null) {
            due.run();
        }
    }
}
