package io.github.rtmpflow.core.chunk;

import java.util.Objects;

/**
 * What one holder of bytes (a {@link ChunkDecoder}'s partial messages, a GOP cache of
 * {@code rtmp-flv}) has reserved of a {@link BufferBudget} shared with other holders. It reserves in
 * grants of {@code grantBytes} (or what a request needs beyond a grant), so a holder whose bytes
 * grow a little at a time touches the shared counter about once per grant instead of once per
 * message or tag.
 *
 * <p>Confined to the holder's thread; only the budget behind it is shared.
 */
public final class BudgetReservation {

    private final BufferBudget budget;
    private final long grantBytes;
    private long reserved;

    /**
     * Creates an empty reservation.
     *
     * @param budget the shared budget reserved from
     * @param grantBytes how much to reserve at a time when the budget has it
     * @throws IllegalArgumentException when {@code grantBytes} is not positive
     */
    public BudgetReservation(BufferBudget budget, long grantBytes) {
        this.budget = Objects.requireNonNull(budget, "budget");
        if (grantBytes <= 0) {
            throw new IllegalArgumentException("grantBytes must be positive: grantBytes=" + grantBytes);
        }
        this.grantBytes = grantBytes;
    }

    /**
     * Raises the reservation to at least {@code total} bytes, by a whole grant when the budget has
     * it (never beyond {@code ceiling}), else by just what is missing.
     *
     * @param total the bytes the holder needs reserved now
     * @param ceiling the most this reservation may ever hold (at least {@code total})
     * @return whether {@code total} is reserved now; false, with nothing changed, when the budget refused
     * @throws IllegalArgumentException when {@code total} is above {@code ceiling}
     */
    public boolean reserveUpTo(long total, long ceiling) {
        if (total > ceiling) {
            throw new IllegalArgumentException("total above ceiling: total=" + total + " ceiling=" + ceiling);
        }
        long missing = total - reserved;
        if (missing <= 0) {
            return true;
        }
        long grant = Math.min(Math.max(missing, grantBytes), ceiling - reserved);
        if (budget.tryReserve(grant)) {
            reserved += grant;
            return true;
        }
        if (grant > missing && budget.tryReserve(missing)) {
            reserved += missing;
            return true;
        }
        return false;
    }

    /** Gives back to the budget whatever this reservation holds beyond {@code target} bytes. */
    public void releaseDownTo(long target) {
        if (reserved > target) {
            budget.release(reserved - target);
            reserved = target;
        }
    }

    /** Returns the bytes this reservation holds of the budget. */
    public long reserved() {
        return reserved;
    }

    @Override
    public String toString() {
        return "BudgetReservation[reserved=" + reserved + ", grantBytes=" + grantBytes + "]";
    }
}
