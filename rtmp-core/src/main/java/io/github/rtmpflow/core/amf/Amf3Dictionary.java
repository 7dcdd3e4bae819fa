package io.github.rtmpflow.core.amf;

import java.util.List;
import java.util.Objects;

/**
 * AMF3 dictionary (marker 0x11, flash.utils.Dictionary): entries whose keys may be any value.
 * Entries are kept as a list in wire order because AMF3 keys need not be distinct.
 *
 * @param weakKeys whether the dictionary holds its keys weakly
 * @param entries the entries (unmodifiable)
 */
public record Amf3Dictionary(boolean weakKeys, List<Entry> entries) implements Amf3Value {

    /** Copies the entries. */
    public Amf3Dictionary {
        entries = List.copyOf(entries);
    }

    /**
     * One key/value pair.
     *
     * @param key the key
     * @param value the value
     */
    public record Entry(Amf3Value key, Amf3Value value) {
        /** Requires both parts. */
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }
}
