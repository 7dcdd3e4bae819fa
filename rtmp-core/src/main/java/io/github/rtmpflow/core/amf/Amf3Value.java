package io.github.rtmpflow.core.amf;

/**
 * An AMF3 value, found in AMF0 data behind the avmplus marker 0x11.
 */
public non-sealed interface Amf3Value extends AmfValue {
}
