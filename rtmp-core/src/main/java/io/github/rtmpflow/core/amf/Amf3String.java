package io.github.rtmpflow.core.amf;

import java.util.Objects;

/** AMF3 string (marker 0x06): UTF-8 text with a U29 length or a string-table reference. */
public record Amf3String(String value) implements Amf3Value {
    /** Requires a value. */
    public Amf3String {
        Objects.requireNonNull(value, "value");
    }

    /** Returns the value, so callers can treat AMF0 and AMF3 strings alike. */
    @Override
    public String asString() {
        return value;
    }
}
