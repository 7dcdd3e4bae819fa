package io.github.rtmpflow.core.amf;

/** AMF0 boolean (marker 0x01). */
public record AmfBoolean(boolean value) implements AmfValue {
    /** {@code true}. */
    public static final AmfBoolean TRUE = new AmfBoolean(true);
    /** {@code false}. */
    public static final AmfBoolean FALSE = new AmfBoolean(false);
}
