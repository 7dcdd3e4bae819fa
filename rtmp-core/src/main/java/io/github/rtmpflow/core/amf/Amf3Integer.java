package io.github.rtmpflow.core.amf;

/**
 * AMF3 integer (marker 0x04): a signed 29-bit value carried as a U29.
 *
 * @param value between {@link #MIN_VALUE} and {@link #MAX_VALUE}
 */
public record Amf3Integer(int value) implements Amf3Value {
    /** Smallest value a U29 integer can carry: -2^28. */
    public static final int MIN_VALUE = -(1 << 28);
    /** Largest value a U29 integer can carry: 2^28 - 1. */
    public static final int MAX_VALUE = (1 << 28) - 1;

    /** Rejects values outside the 29-bit range (a writer would use {@link Amf3Double}). */
    public Amf3Integer {
        if (value < MIN_VALUE || value > MAX_VALUE) {
            throw new IllegalArgumentException("integer outside 29-bit range: value=" + value);
        }
    }

    /** Returns the value as a double, so callers can treat AMF0 and AMF3 numbers alike. */
    @Override
    public double asNumber() {
        return value;
    }
}
