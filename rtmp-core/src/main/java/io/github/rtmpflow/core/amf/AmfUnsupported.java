package io.github.rtmpflow.core.amf;

/** AMF0 unsupported (marker 0x0D). */
public enum AmfUnsupported implements AmfValue {
    /** The one unsupported value. */
    INSTANCE
}
