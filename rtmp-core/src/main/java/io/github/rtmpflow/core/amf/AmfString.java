package io.github.rtmpflow.core.amf;

import java.util.Objects;

/**
 * AMF0 string (marker 0x02) or long string (marker 0x0C); the writer picks the long form
 * when the UTF-8 encoding exceeds 65535 bytes.
 */
public record AmfString(String value) implements AmfValue {
    /** Requires a value. */
    public AmfString {
        Objects.requireNonNull(value, "value");
    }
}
