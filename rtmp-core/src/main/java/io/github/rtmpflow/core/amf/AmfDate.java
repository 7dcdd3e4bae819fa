package io.github.rtmpflow.core.amf;

/**
 * AMF0 date (marker 0x0B).
 *
 * @param epochMillis milliseconds since 1970-01-01T00:00Z, as a double on the wire
 * @param timeZoneMinutes the reserved S16 time-zone field (should be 0)
 */
public record AmfDate(double epochMillis, int timeZoneMinutes) implements AmfValue {
}
