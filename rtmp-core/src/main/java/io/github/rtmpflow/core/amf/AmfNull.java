package io.github.rtmpflow.core.amf;

/** AMF0 null (marker 0x05). */
public enum AmfNull implements AmfValue {
    /** The one null value. */
    INSTANCE
}
