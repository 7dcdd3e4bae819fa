package io.github.rtmpflow.core.amf;

import io.github.rtmpflow.core.ProtocolException;
import java.util.Arrays;

/**
 * One AMF reference table (AMF0 objects, AMF3 strings, objects or traits) for one read call.
 * An entry is reserved when a complex value starts and completed when it ends, so a reference
 * to a value still being read (a cycle, which immutable values cannot hold) is reported rather
 * than resolved. Each entry keeps its weight: the bytes a reference to it stands for.
 *
 * @param <T> the type of the entries
 */
final class ReferenceTable<T> {
    private static final Object[] NO_VALUES = {};
    private static final long[] NO_WEIGHTS = {};

    private final String name;
    private Object[] values = NO_VALUES;
    private long[] weights = NO_WEIGHTS;
    private int size;

    ReferenceTable(String name) {
        this.name = name;
    }

    /** Reserves the next index for a value being read. */
    int reserve() {
        if (size == values.length) {
            // Growth is bounded by the input: every entry consumed at least one byte.
            int capacity = Math.max(8, size * 2);
            values = Arrays.copyOf(values, capacity);
            weights = Arrays.copyOf(weights, capacity);
        }
        return size++;
    }

    /** Completes a reserved entry. */
    void complete(int index, T value, long weight) {
        values[index] = value;
        weights[index] = weight;
    }

    /** Adds a complete entry. */
    void add(T value, long weight) {
        complete(reserve(), value, weight);
    }

    /** Resolves {@code index}, charging {@code input} with the entry's weight. */
    @SuppressWarnings("unchecked")
    T resolve(long index, AmfInput input) throws ProtocolException {
        if (index < 0 || index >= size) {
            throw AmfInput.bad("bad reference index: table=" + name + " index=" + index + " size=" + size);
        }
        Object value = values[(int) index];
        if (value == null) {
            throw AmfInput.bad("reference to a value still being read: table=" + name + " index=" + index);
        }
        input.addExpansion(weights[(int) index], name);
        return (T) value;
    }
}
