package io.github.rtmpflow.core.amf;

/** AMF3 undefined (marker 0x00). */
public enum Amf3Undefined implements Amf3Value {
    /** The one undefined value. */
    INSTANCE
}
