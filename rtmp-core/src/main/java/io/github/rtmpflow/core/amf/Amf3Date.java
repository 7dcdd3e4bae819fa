package io.github.rtmpflow.core.amf;

/**
 * AMF3 date (marker 0x08). Unlike AMF0, there is no time-zone field.
 *
 * @param epochMillis milliseconds since 1970-01-01T00:00Z (UTC), as a double on the wire
 */
public record Amf3Date(double epochMillis) implements Amf3Value {
}
