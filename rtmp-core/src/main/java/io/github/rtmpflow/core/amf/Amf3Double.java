package io.github.rtmpflow.core.amf;

/** AMF3 double (marker 0x05): an IEEE-754 double, big-endian on the wire. */
public record Amf3Double(double value) implements Amf3Value {
    /** Returns the value, so callers can treat AMF0 and AMF3 numbers alike. */
    @Override
    public double asNumber() {
        return value;
    }
}
