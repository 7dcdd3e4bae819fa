package io.github.rtmpflow.core.amf;

import java.util.List;

/**
 * AMF3 Vector.&lt;int&gt; (marker 0x0D): signed 32-bit items.
 *
 * @param fixedLength whether the vector's length is fixed
 * @param items the items (unmodifiable)
 */
public record Amf3VectorInt(boolean fixedLength, List<Integer> items) implements Amf3Value {
    /** Copies the items. */
    public Amf3VectorInt {
        items = List.copyOf(items);
    }
}
