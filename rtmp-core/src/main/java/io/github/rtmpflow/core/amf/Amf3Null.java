package io.github.rtmpflow.core.amf;

/** AMF3 null (marker 0x01). */
public enum Amf3Null implements Amf3Value {
    /** The one null value. */
    INSTANCE
}
