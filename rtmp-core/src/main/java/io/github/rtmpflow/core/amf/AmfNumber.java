package io.github.rtmpflow.core.amf;

/** AMF0 number (marker 0x00): an IEEE-754 double. */
public record AmfNumber(double value) implements AmfValue {
}
