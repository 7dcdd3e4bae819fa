package io.github.rtmpflow.core.amf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * AMF0 typed object (marker 0x10): a class name and properties in wire order.
 *
 * @param className the registered class name
 * @param properties an unmodifiable, insertion-ordered map
 */
public record AmfTypedObject(String className, Map<String, AmfValue> properties) implements AmfValue {
    /** Copies the properties, keeping their order. */
    public AmfTypedObject {
        Objects.requireNonNull(className, "className");
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }
}
