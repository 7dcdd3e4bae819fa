package io.github.rtmpflow.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BudgetReservationTest {

    @Test
    void shouldReserveAWholeGrantForASmallerNeed() {
        BoundedBudget budget = new BoundedBudget(1000);
        BudgetReservation reservation = new BudgetReservation(budget, 100);

        assertThat(reservation.reserveUpTo(10, Long.MAX_VALUE)).isTrue();
        assertThat(reservation.reserved()).isEqualTo(100);
        assertThat(budget.reservedBytes()).isEqualTo(100);
    }

    @Test
    void shouldNotTouchTheBudgetWhileTheGrantCoversTheNeed() {
        CountingBudget budget = new CountingBudget();
        BudgetReservation reservation = new BudgetReservation(budget, 100);

        for (long total = 1; total <= 100; total++) {
            assertThat(reservation.reserveUpTo(total, Long.MAX_VALUE)).isTrue();
        }
        assertThat(budget.reservations).as("one grant serves totals 1..100").isEqualTo(1);
        assertThat(reservation.reserveUpTo(101, Long.MAX_VALUE)).isTrue();
        assertThat(budget.reservations).isEqualTo(2);
        assertThat(reservation.reserved()).isEqualTo(200);
    }

    @Test
    void shouldReserveWhatANeedLargerThanAGrantMisses() {
        BoundedBudget budget = new BoundedBudget(1000);
        BudgetReservation reservation = new BudgetReservation(budget, 100);

        assertThat(reservation.reserveUpTo(50, Long.MAX_VALUE)).isTrue();
        assertThat(reservation.reserveUpTo(450, Long.MAX_VALUE)).isTrue();
        assertThat(reservation.reserved()).as("100 + the 350 missing").isEqualTo(450);
    }

    @Test
    void shouldFallBackToJustWhatIsMissingWhenTheBudgetHasNoWholeGrant() {
        BoundedBudget budget = new BoundedBudget(130);
        BudgetReservation reservation = new BudgetReservation(budget, 100);

        assertThat(reservation.reserveUpTo(100, Long.MAX_VALUE)).isTrue();
        assertThat(reservation.reserveUpTo(120, Long.MAX_VALUE)).as("a second grant of 100 does not fit; 20 does")
                .isTrue();
        assertThat(reservation.reserved()).isEqualTo(120);
        assertThat(budget.reservedBytes()).isEqualTo(120);
    }

    @Test
    void shouldChangeNothingWhenTheBudgetRefuses() {
        BoundedBudget budget = new BoundedBudget(150);
        BudgetReservation reservation = new BudgetReservation(budget, 100);
        assertThat(reservation.reserveUpTo(100, Long.MAX_VALUE)).isTrue();

        assertThat(reservation.reserveUpTo(151, Long.MAX_VALUE)).isFalse();
        assertThat(reservation.reserved()).isEqualTo(100);
        assertThat(budget.reservedBytes()).isEqualTo(100);
    }

    @Test
    void shouldNeverHoldMoreThanTheCeiling() {
        BoundedBudget budget = new BoundedBudget(1000);
        BudgetReservation reservation = new BudgetReservation(budget, 100);

        assertThat(reservation.reserveUpTo(30, 60)).isTrue();
        assertThat(reservation.reserved()).as("the grant is cut at the ceiling").isEqualTo(60);
        assertThat(reservation.reserveUpTo(60, 60)).isTrue();
        assertThat(budget.reservedBytes()).isEqualTo(60);
    }

    @Test
    void shouldRejectANeedAboveTheCeiling() {
        BudgetReservation reservation = new BudgetReservation(new BoundedBudget(1000), 100);

        assertThatThrownBy(() -> reservation.reserveUpTo(61, 60)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("total=61 ceiling=60");
        assertThat(reservation.reserved()).isZero();
    }

    @Test
    void shouldGiveBackOnlyWhatIsBeyondTheTarget() {
        BoundedBudget budget = new BoundedBudget(1000);
        BudgetReservation reservation = new BudgetReservation(budget, 100);
        reservation.reserveUpTo(300, Long.MAX_VALUE);

        reservation.releaseDownTo(120);
        assertThat(reservation.reserved()).isEqualTo(120);
        assertThat(budget.reservedBytes()).isEqualTo(120);
        reservation.releaseDownTo(500);
        assertThat(reservation.reserved()).as("a target above the reservation changes nothing").isEqualTo(120);
        reservation.releaseDownTo(0);
        assertThat(budget.reservedBytes()).isZero();
    }

    @Test
    void shouldRejectANonPositiveGrant() {
        assertThatThrownBy(() -> new BudgetReservation(BufferBudget.UNLIMITED, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("grantBytes=0");
    }

    /** Counts successful reservations, bounded by nothing. */
    private static final class CountingBudget implements BufferBudget {
        int reservations;

        @Override
        public boolean tryReserve(long bytes) {
            reservations++;
            return true;
        }

        @Override
        public void release(long bytes) {
        }
    }
}
