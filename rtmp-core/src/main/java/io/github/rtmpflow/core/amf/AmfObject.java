package io.github.rtmpflow.core.amf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AMF0 anonymous object (marker 0x03): properties in wire order.
 *
 * @param properties an unmodifiable, insertion-ordered map
 */
public record AmfObject(Map<String, AmfValue> properties) implements AmfValue {

    /** Copies the properties, keeping their order. */
    public AmfObject {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /** Returns the property, or {@code null} when absent. */
    public AmfValue get(String name) {
        return properties.get(name);
    }

    /** Returns the property as a string, or {@code null} when absent or not a string. */
    public String getString(String name) {
        AmfValue v = properties.get(name);
        return v == null ? null : v.asString();
    }

    /** Returns the property as a number, or {@code NaN} when absent or not a number. */
    public double getNumber(String name) {
        AmfValue v = properties.get(name);
        return v == null ? Double.NaN : v.asNumber();
    }

    /** Starts an object with properties in the order they are put. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AmfObject} in property order. */
    public static final class Builder {
        private final Map<String, AmfValue> properties = new LinkedHashMap<>();

        private Builder() {
        }

        /** Puts a value. */
        public Builder put(String name, AmfValue value) {
            properties.put(name, value);
            return this;
        }

        /** Puts a string. */
        public Builder put(String name, String value) {
            return put(name, new AmfString(value));
        }

        /** Puts a number. */
        public Builder put(String name, double value) {
            return put(name, new AmfNumber(value));
        }

        /** Puts a boolean. */
        public Builder put(String name, boolean value) {
            return put(name, value ? AmfBoolean.TRUE : AmfBoolean.FALSE);
        }

        /** Returns the object. */
        public AmfObject build() {
            return new AmfObject(properties);
        }
    }
}
