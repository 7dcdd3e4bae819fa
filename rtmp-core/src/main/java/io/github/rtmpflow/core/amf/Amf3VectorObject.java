package io.github.rtmpflow.core.amf;

import java.util.List;
import java.util.Objects;

/**
 * AMF3 Vector.&lt;T&gt; of objects (marker 0x10).
 *
 * @param fixedLength whether the vector's length is fixed
 * @param typeName the item type's class alias ({@code "*"} for any type, empty for Object)
 * @param items the items (unmodifiable)
 */
public record Amf3VectorObject(boolean fixedLength, String typeName, List<Amf3Value> items)
        implements Amf3Value {
    /** Copies the items. */
    public Amf3VectorObject {
        Objects.requireNonNull(typeName, "typeName");
        items = List.copyOf(items);
    }
}
