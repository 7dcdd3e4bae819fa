package io.github.rtmpflow.core.amf;

/** AMF0 undefined (marker 0x06). */
public enum AmfUndefined implements AmfValue {
    /** The one undefined value. */
    INSTANCE
}
