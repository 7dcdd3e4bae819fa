package io.github.rtmpflow.core.amf;

import java.util.List;

/**
 * AMF3 Vector.&lt;Number&gt; (marker 0x0F): double items.
 *
 * @param fixedLength whether the vector's length is fixed
 * @param items the items (unmodifiable)
 */
public record Amf3VectorDouble(boolean fixedLength, List<Double> items) implements Amf3Value {
    /** Copies the items. */
    public Amf3VectorDouble {
        items = List.copyOf(items);
    }
}
