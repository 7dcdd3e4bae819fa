package io.github.rtmpflow.core.amf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AMF0 ECMA array (marker 0x08): an associative array in wire order (onMetaData uses it).
 * The wire's count hint is not kept; writers emit the real entry count.
 *
 * @param entries an unmodifiable, insertion-ordered map
 */
public record AmfEcmaArray(Map<String, AmfValue> entries) implements AmfValue {
    /** Copies the entries, keeping their order. */
    public AmfEcmaArray {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
}
