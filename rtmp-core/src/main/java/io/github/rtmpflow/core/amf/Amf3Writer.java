package io.github.rtmpflow.core.amf;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes AMF3 values. Every value is written inline: the writer never emits string, object or
 * traits references (they are optional in AMF3), so {@link #encodedLength} is exact and
 * independent of context. Externalizable objects cannot be written (their format belongs to
 * their class) and throw {@link IllegalArgumentException}, as do lengths and counts beyond the
 * 28 bits a U29 length can carry.
 *
 * <p>Stateless and thread-safe.
 */
public final class Amf3Writer {
    private Amf3Writer() {
    }

    /** Returns the encoding of {@code values}, one after another, in an exact-size array. */
    public static byte[] encode(Amf3Value... values) {
        long total = 0;
        for (Amf3Value v : values) {
            total += length(v);
        }
        byte[] bytes = new byte[AmfOutput.checkedLength(total, "amf3")];
        ByteBuffer out = ByteBuffer.wrap(bytes);
        for (Amf3Value v : values) {
            writeValue(v, out);
        }
        return bytes;
    }

    /**
     * Writes {@code value} at {@code out.position()} and advances the position.
     *
     * @throws IllegalArgumentException when {@code out} has fewer than
     *     {@link #encodedLength(Amf3Value)} bytes remaining (nothing is written then) or the value
     *     cannot be written
     */
    public static void write(Amf3Value value, ByteBuffer out) {
        int length = encodedLength(value);
        if (out.remaining() < length) {
            throw new IllegalArgumentException("buffer too small: remaining=" + out.remaining() + " needed=" + length);
        }
        writeValue(value, out);
    }

    /** Returns the exact number of bytes {@link #write} produces for {@code value}. */
    public static int encodedLength(Amf3Value value) {
        return AmfOutput.checkedLength(length(value), "amf3");
    }

    static long length(Amf3Value value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof Amf3Undefined || value instanceof Amf3Null || value instanceof Amf3Boolean) {
            return 1;
        } else if (value instanceof Amf3Integer i) {
            return 1 + AmfOutput.u29Length(i.value() & AmfOutput.U29_MAX);
        } else if (value instanceof Amf3Double) {
            return 9;
        } else if (value instanceof Amf3String s) {
            return 1 + stringLength(s.value());
        } else if (value instanceof Amf3XmlDocument x) {
            return 1 + stringLength(x.xml());
        } else if (value instanceof Amf3Xml x) {
            return 1 + stringLength(x.xml());
        } else if (value instanceof Amf3Date) {
            return 10;
        } else if (value instanceof Amf3ByteArray b) {
            return 1 + countLength(b.length(), "byte-array") + b.length();
        } else if (value instanceof Amf3Array a) {
            return 1 + countLength(a.dense().size(), "array") + membersLength(a.associative())
                    + valuesLength(a.dense());
        } else if (value instanceof Amf3Object o) {
            return 1 + objectLength(o);
        } else if (value instanceof Amf3VectorInt v) {
            return 2 + countLength(v.items().size(), "vector") + 4L * v.items().size();
        } else if (value instanceof Amf3VectorUint v) {
            return 2 + countLength(v.items().size(), "vector") + 4L * v.items().size();
        } else if (value instanceof Amf3VectorDouble v) {
            return 2 + countLength(v.items().size(), "vector") + 8L * v.items().size();
        } else if (value instanceof Amf3VectorObject v) {
            return 2 + countLength(v.items().size(), "vector") + stringLength(v.typeName()) + valuesLength(v.items());
        } else {
            Amf3Dictionary d = (Amf3Dictionary) value;
            long total = 2 + countLength(d.entries().size(), "dictionary");
            for (Amf3Dictionary.Entry e : d.entries()) {
                total += length(e.key()) + length(e.value());
            }
            return total;
        }
    }

    private static long objectLength(Amf3Object o) {
        Amf3Traits traits = o.traits();
        requireWritable(traits);
        List<String> names = traits.sealedMemberNames();
        long total = AmfOutput.u29Length(traitsHeader(traits)) + stringLength(traits.className());
        for (String name : names) {
            total += stringLength(name);
        }
        total += valuesLength(o.sealedValues());
        if (traits.dynamic()) {
            total += membersLength(o.dynamicMembers());
        }
        return total;
    }

    private static long valuesLength(List<Amf3Value> values) {
        long total = 0;
        for (Amf3Value v : values) {
            total += length(v);
        }
        return total;
    }

    /** Name/value pairs plus the terminating empty name (one byte, 0x01). */
    private static long membersLength(Map<String, Amf3Value> members) {
        long total = 1;
        for (Map.Entry<String, Amf3Value> e : members.entrySet()) {
            total += stringLength(e.getKey()) + length(e.getValue());
        }
        return total;
    }

    private static long stringLength(String s) {
        long bytes = Utf8.length(s);
        return AmfOutput.u29Length(AmfOutput.inlineU29(bytes, "string")) + bytes;
    }

    private static int countLength(int count, String what) {
        return AmfOutput.u29Length(AmfOutput.inlineU29(count, what));
    }

    private static void requireWritable(Amf3Traits traits) {
        if (traits.externalizable()) {
            throw new IllegalArgumentException("externalizable object cannot be written: className=" + traits.className());
        }
    }

    /** SPEC (AMF3 3.12): U29O-traits = sealed count << 4 | dynamic << 3 | 0b011. */
    private static int traitsHeader(Amf3Traits traits) {
        long count = traits.sealedMemberNames().size();
        if (count > (AmfOutput.U29_MAX >>> 4)) {
            throw new IllegalArgumentException("too many sealed members: count=" + count);
        }
        return (int) (count << 4) | (traits.dynamic() ? 0b1000 : 0) | 0b0011;
    }

    static void writeValue(Amf3Value value, ByteBuffer out) {
        if (value instanceof Amf3Undefined) {
            AmfOutput.u8(out, Amf3Parser.UNDEFINED);
        } else if (value instanceof Amf3Null) {
            AmfOutput.u8(out, Amf3Parser.NULL);
        } else if (value instanceof Amf3Boolean b) {
            AmfOutput.u8(out, b.value() ? Amf3Parser.TRUE : Amf3Parser.FALSE);
        } else if (value instanceof Amf3Integer i) {
            AmfOutput.u8(out, Amf3Parser.INTEGER);
            AmfOutput.u29(out, i.value() & AmfOutput.U29_MAX);
        } else if (value instanceof Amf3Double d) {
            AmfOutput.u8(out, Amf3Parser.DOUBLE);
            AmfOutput.f64(out, d.value());
        } else if (value instanceof Amf3String s) {
            AmfOutput.u8(out, Amf3Parser.STRING);
            writeString(s.value(), out);
        } else if (value instanceof Amf3XmlDocument x) {
            AmfOutput.u8(out, Amf3Parser.XML_DOCUMENT);
            writeString(x.xml(), out);
        } else if (value instanceof Amf3Xml x) {
            AmfOutput.u8(out, Amf3Parser.XML);
            writeString(x.xml(), out);
        } else if (value instanceof Amf3Date d) {
            AmfOutput.u8(out, Amf3Parser.DATE);
            AmfOutput.u29(out, 1);
            AmfOutput.f64(out, d.epochMillis());
        } else if (value instanceof Amf3ByteArray b) {
            AmfOutput.u8(out, Amf3Parser.BYTE_ARRAY);
            AmfOutput.u29(out, AmfOutput.inlineU29(b.length(), "byte-array"));
            out.put(b.bytes());
        } else if (value instanceof Amf3Array a) {
            AmfOutput.u8(out, Amf3Parser.ARRAY);
            AmfOutput.u29(out, AmfOutput.inlineU29(a.dense().size(), "array"));
            writeMembers(a.associative(), out);
            writeValues(a.dense(), out);
        } else if (value instanceof Amf3Object o) {
            AmfOutput.u8(out, Amf3Parser.OBJECT);
            writeObject(o, out);
        } else {
            writeCollection(value, out);
        }
    }

    private static void writeCollection(Amf3Value value, ByteBuffer out) {
        if (value instanceof Amf3VectorInt v) {
            writeVectorHeader(Amf3Parser.VECTOR_INT, v.items().size(), v.fixedLength(), out);
            for (int item : v.items()) {
                AmfOutput.u32(out, item);
            }
        } else if (value instanceof Amf3VectorUint v) {
            writeVectorHeader(Amf3Parser.VECTOR_UINT, v.items().size(), v.fixedLength(), out);
            for (long item : v.items()) {
                AmfOutput.u32(out, item);
            }
        } else if (value instanceof Amf3VectorDouble v) {
            writeVectorHeader(Amf3Parser.VECTOR_DOUBLE, v.items().size(), v.fixedLength(), out);
            for (double item : v.items()) {
                AmfOutput.f64(out, item);
            }
        } else if (value instanceof Amf3VectorObject v) {
            writeVectorHeader(Amf3Parser.VECTOR_OBJECT, v.items().size(), v.fixedLength(), out);
            writeString(v.typeName(), out);
            writeValues(v.items(), out);
        } else {
            Amf3Dictionary d = (Amf3Dictionary) value;
            writeVectorHeader(Amf3Parser.DICTIONARY, d.entries().size(), d.weakKeys(), out);
            for (Amf3Dictionary.Entry e : d.entries()) {
                writeValue(e.key(), out);
                writeValue(e.value(), out);
            }
        }
    }

    private static void writeVectorHeader(int marker, int count, boolean flag, ByteBuffer out) {
        AmfOutput.u8(out, marker);
        AmfOutput.u29(out, AmfOutput.inlineU29(count, "vector"));
        AmfOutput.u8(out, flag ? 1 : 0);
    }

    private static void writeObject(Amf3Object o, ByteBuffer out) {
        Amf3Traits traits = o.traits();
        requireWritable(traits);
        AmfOutput.u29(out, traitsHeader(traits));
        writeString(traits.className(), out);
        for (String name : traits.sealedMemberNames()) {
            writeString(name, out);
        }
        writeValues(o.sealedValues(), out);
        if (traits.dynamic()) {
            writeMembers(o.dynamicMembers(), out);
        }
    }

    private static void writeValues(List<Amf3Value> values, ByteBuffer out) {
        for (Amf3Value v : values) {
            writeValue(v, out);
        }
    }

    private static void writeMembers(Map<String, Amf3Value> members, ByteBuffer out) {
        for (Map.Entry<String, Amf3Value> e : members.entrySet()) {
            writeString(e.getKey(), out);
            writeValue(e.getValue(), out);
        }
        AmfOutput.u29(out, 1);
    }

    /** SPEC (AMF3 1.3.2): UTF-8-vr written inline: U29 (length << 1 | 1) then the bytes. */
    static void writeString(String s, ByteBuffer out) {
        AmfOutput.u29(out, AmfOutput.inlineU29(Utf8.length(s), "string"));
        Utf8.write(s, out);
    }
}
