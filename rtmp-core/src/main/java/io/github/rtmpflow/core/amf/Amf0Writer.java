package io.github.rtmpflow.core.amf;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes AMF0 values. Strings whose UTF-8 form exceeds 65535 bytes use the long-string marker
 * 0x0C; ECMA arrays carry their real entry count; {@link Amf3Value}s are written behind the
 * avmplus marker 0x11 by {@link Amf3Writer}. The writer never emits references, so
 * {@link #encodedLength} is exact.
 *
 * <p>Caller errors throw {@link IllegalArgumentException}: a property name or class name longer
 * than 65535 UTF-8 bytes, a date time zone outside the S16 range, an externalizable AMF3 object,
 * an encoding longer than {@code Integer.MAX_VALUE}. Stateless and thread-safe.
 */
public final class Amf0Writer {
    private static final int MAX_SHORT_STRING = 0xFFFF;

    private Amf0Writer() {
    }

    /** Returns the encoding of {@code values}, one after another, in an exact-size array. */
    public static byte[] encode(AmfValue... values) {
        return encode(Arrays.asList(values));
    }

    /** Returns the encoding of {@code values}, one after another, in an exact-size array. */
    public static byte[] encode(List<AmfValue> values) {
        long total = 0;
        for (AmfValue v : values) {
            total += length(v);
        }
        byte[] bytes = new byte[AmfOutput.checkedLength(total, "amf0")];
        ByteBuffer out = ByteBuffer.wrap(bytes);
        for (AmfValue v : values) {
            writeValue(v, out);
        }
        return bytes;
    }

    /**
     * Writes {@code value} at {@code out.position()} and advances the position. {@code out} is
     * only borrowed for the call.
     *
     * @throws IllegalArgumentException when {@code out} has fewer than
     *     {@link #encodedLength(AmfValue)} bytes remaining (nothing is written then) or the value
     *     cannot be written
     */
    public static void write(AmfValue value, ByteBuffer out) {
        int length = encodedLength(value);
        if (out.remaining() < length) {
            throw new IllegalArgumentException("buffer too small: remaining=" + out.remaining() + " needed=" + length);
        }
        writeValue(value, out);
    }

    /** Returns the exact number of bytes {@link #write} produces for {@code value}. */
    public static int encodedLength(AmfValue value) {
        return AmfOutput.checkedLength(length(value), "amf0");
    }

    private static long length(AmfValue value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof AmfNumber) {
            return 9;
        } else if (value instanceof AmfBoolean) {
            return 2;
        } else if (value instanceof AmfString s) {
            long bytes = Utf8.length(s.value());
            return (bytes > MAX_SHORT_STRING ? 5 : 3) + bytes;
        } else if (value instanceof AmfNull || value instanceof AmfUndefined || value instanceof AmfUnsupported) {
            return 1;
        } else if (value instanceof AmfObject o) {
            return 1 + propertiesLength(o.properties());
        } else if (value instanceof AmfEcmaArray a) {
            return 5 + propertiesLength(a.entries());
        } else if (value instanceof AmfStrictArray a) {
            long total = 5;
            for (AmfValue item : a.items()) {
                total += length(item);
            }
            return total;
        } else if (value instanceof AmfDate d) {
            if (d.timeZoneMinutes() < Short.MIN_VALUE || d.timeZoneMinutes() > Short.MAX_VALUE) {
                throw new IllegalArgumentException("time zone outside S16: timeZoneMinutes=" + d.timeZoneMinutes());
            }
            return 11;
        } else if (value instanceof AmfXmlDocument x) {
            return 5 + Utf8.length(x.xml());
        } else if (value instanceof AmfTypedObject t) {
            return 1 + shortStringLength(t.className(), "className") + propertiesLength(t.properties());
        } else {
            return 1 + Amf3Writer.length((Amf3Value) value);
        }
    }

    /** Name/value pairs plus the object-end marker 00 00 09. */
    private static long propertiesLength(Map<String, AmfValue> properties) {
        long total = 3;
        for (Map.Entry<String, AmfValue> e : properties.entrySet()) {
            total += shortStringLength(e.getKey(), "name") + length(e.getValue());
        }
        return total;
    }

    private static long shortStringLength(String s, String what) {
        long bytes = Utf8.length(s);
        if (bytes > MAX_SHORT_STRING) {
            throw new IllegalArgumentException("UTF-8 too long for a U16 length: what=" + what + " length=" + bytes);
        }
        return 2 + bytes;
    }

    private static void writeValue(AmfValue value, ByteBuffer out) {
        if (value instanceof AmfNumber n) {
            AmfOutput.u8(out, Amf0Parser.NUMBER);
            AmfOutput.f64(out, n.value());
        } else if (value instanceof AmfBoolean b) {
            AmfOutput.u8(out, Amf0Parser.BOOLEAN);
            AmfOutput.u8(out, b.value() ? 1 : 0);
        } else if (value instanceof AmfString s) {
            writeString(s.value(), out);
        } else if (value instanceof AmfNull) {
            AmfOutput.u8(out, Amf0Parser.NULL);
        } else if (value instanceof AmfUndefined) {
            AmfOutput.u8(out, Amf0Parser.UNDEFINED);
        } else if (value instanceof AmfUnsupported) {
            AmfOutput.u8(out, Amf0Parser.UNSUPPORTED);
        } else if (value instanceof AmfObject o) {
            AmfOutput.u8(out, Amf0Parser.OBJECT);
            writeProperties(o.properties(), out);
        } else if (value instanceof AmfEcmaArray a) {
            AmfOutput.u8(out, Amf0Parser.ECMA_ARRAY);
            AmfOutput.u32(out, a.entries().size());
            writeProperties(a.entries(), out);
        } else if (value instanceof AmfStrictArray a) {
            AmfOutput.u8(out, Amf0Parser.STRICT_ARRAY);
            AmfOutput.u32(out, a.items().size());
            for (AmfValue item : a.items()) {
                writeValue(item, out);
            }
        } else if (value instanceof AmfDate d) {
            writeDate(d, out);
        } else if (value instanceof AmfXmlDocument x) {
            AmfOutput.u8(out, Amf0Parser.XML_DOCUMENT);
            AmfOutput.u32(out, Utf8.length(x.xml()));
            Utf8.write(x.xml(), out);
        } else if (value instanceof AmfTypedObject t) {
            AmfOutput.u8(out, Amf0Parser.TYPED_OBJECT);
            writeShortString(t.className(), out);
            writeProperties(t.properties(), out);
        } else {
            AmfOutput.u8(out, Amf0Parser.AVMPLUS);
            Amf3Writer.writeValue((Amf3Value) value, out);
        }
    }

    private static void writeString(String s, ByteBuffer out) {
        long bytes = Utf8.length(s);
        if (bytes > MAX_SHORT_STRING) {
            AmfOutput.u8(out, Amf0Parser.LONG_STRING);
            AmfOutput.u32(out, bytes);
        } else {
            AmfOutput.u8(out, Amf0Parser.STRING);
            AmfOutput.u16(out, (int) bytes);
        }
        Utf8.write(s, out);
    }

    private static void writeDate(AmfDate d, ByteBuffer out) {
        AmfOutput.u8(out, Amf0Parser.DATE);
        AmfOutput.f64(out, d.epochMillis());
        AmfOutput.u16(out, d.timeZoneMinutes());
    }

    private static void writeProperties(Map<String, AmfValue> properties, ByteBuffer out) {
        for (Map.Entry<String, AmfValue> e : properties.entrySet()) {
            writeShortString(e.getKey(), out);
            writeValue(e.getValue(), out);
        }
        // SPEC (AMF0 2.11): an empty name followed by the object-end marker.
        AmfOutput.u16(out, 0);
        AmfOutput.u8(out, Amf0Parser.OBJECT_END);
    }

    private static void writeShortString(String s, ByteBuffer out) {
        AmfOutput.u16(out, (int) Utf8.length(s));
        Utf8.write(s, out);
    }
}
