package io.github.rtmpflow.core.amf;

import java.util.List;

/**
 * AMF3 Vector.&lt;uint&gt; (marker 0x0E): unsigned 32-bit items, held as longs.
 *
 * @param fixedLength whether the vector's length is fixed
 * @param items the items (unmodifiable), each in 0..0xFFFFFFFF
 */
public record Amf3VectorUint(boolean fixedLength, List<Long> items) implements Amf3Value {
    /** Copies the items and checks their range. */
    public Amf3VectorUint {
        items = List.copyOf(items);
        for (long item : items) {
            if (item < 0 || item > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("uint item out of range: item=" + item);
            }
        }
    }
}
