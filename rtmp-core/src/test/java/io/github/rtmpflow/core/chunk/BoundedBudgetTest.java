package io.github.rtmpflow.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BoundedBudgetTest {

    @Test
    void shouldReserveUpToTheBoundAndNoFurther() {
        BoundedBudget budget = new BoundedBudget(100);

        assertThat(budget.tryReserve(60)).isTrue();
        assertThat(budget.tryReserve(41)).as("60 + 41 > 100: nothing reserved").isFalse();
        assertThat(budget.reservedBytes()).isEqualTo(60);
        assertThat(budget.tryReserve(40)).isTrue();
        budget.release(60);
        assertThat(budget.reservedBytes()).isEqualTo(40);
    }

    @Test
    void shouldNeverPassTheBoundUnderConcurrentReservations() throws Exception {
        BoundedBudget budget = new BoundedBudget(1000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> granted = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                granted.add(pool.submit(() -> {
                    int n = 0;
                    for (int i = 0; i < 10_000; i++) {
                        if (budget.tryReserve(7)) {
                            n++;
                        }
                    }
                    return n;
                }));
            }
            int total = 0;
            for (Future<Integer> f : granted) {
                total += f.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(1000 / 7);
            assertThat(budget.reservedBytes()).isEqualTo(1000 / 7 * 7L);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRejectANegativeBound() {
        assertThatThrownBy(() -> new BoundedBudget(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
