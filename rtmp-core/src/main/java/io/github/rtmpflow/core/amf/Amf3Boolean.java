package io.github.rtmpflow.core.amf;

/** AMF3 boolean: marker 0x02 is false, 0x03 is true (no payload). */
public record Amf3Boolean(boolean value) implements Amf3Value {
    /** {@code true} (marker 0x03). */
    public static final Amf3Boolean TRUE = new Amf3Boolean(true);
    /** {@code false} (marker 0x02). */
    public static final Amf3Boolean FALSE = new Amf3Boolean(false);

    /** Returns {@link #TRUE} or {@link #FALSE}. */
    public static Amf3Boolean of(boolean value) {
        return value ? TRUE : FALSE;
    }
}
