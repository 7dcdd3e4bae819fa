package io.github.rtmpflow.core.amf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * AMF3 array (marker 0x09): an associative part (name/value pairs, wire order) followed on the
 * wire by a dense part (ordinal values).
 *
 * @param dense the dense part, an unmodifiable list
 * @param associative the associative part, an unmodifiable insertion-ordered map without the
 *     empty name (the empty name terminates the part on the wire)
 */
public record Amf3Array(List<Amf3Value> dense, Map<String, Amf3Value> associative) implements Amf3Value {

    /** Copies both parts; rejects nulls and the empty name. */
    public Amf3Array {
        dense = List.copyOf(dense);
        associative = Collections.unmodifiableMap(new LinkedHashMap<>(associative));
        Amf3Object.requireMembers("associative", associative);
    }

    /** Returns a dense array with no associative part. */
    public static Amf3Array of(List<Amf3Value> dense) {
        return new Amf3Array(dense, Map.of());
    }

    /** Returns the item at {@code index} of the dense part. */
    public Amf3Value get(int index) {
        return dense.get(index);
    }

    /** Returns the associative value named {@code name}, or {@code null} when absent. */
    public Amf3Value get(String name) {
        return associative.get(Objects.requireNonNull(name, "name"));
    }
}
