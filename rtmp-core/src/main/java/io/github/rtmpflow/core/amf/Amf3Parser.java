package io.github.rtmpflow.core.amf;

import io.github.rtmpflow.core.ProtocolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AMF3 grammar with one set of string, object and traits reference tables. Recursive
 * descent with the depth checked before every descent; all byte access goes through
 * {@link AmfInput}. Not thread-safe; one instance per AMF3 context.
 */
final class Amf3Parser {
    static final int UNDEFINED = 0x00;
    static final int NULL = 0x01;
    static final int FALSE = 0x02;
    static final int TRUE = 0x03;
    static final int INTEGER = 0x04;
    static final int DOUBLE = 0x05;
    static final int STRING = 0x06;
    static final int XML_DOCUMENT = 0x07;
    static final int DATE = 0x08;
    static final int ARRAY = 0x09;
    static final int OBJECT = 0x0A;
    static final int XML = 0x0B;
    static final int BYTE_ARRAY = 0x0C;
    static final int VECTOR_INT = 0x0D;
    static final int VECTOR_UINT = 0x0E;
    static final int VECTOR_DOUBLE = 0x0F;
    static final int VECTOR_OBJECT = 0x10;
    static final int DICTIONARY = 0x11;

    private final AmfInput in;
    private final ReferenceTable<String> strings = new ReferenceTable<>("amf3-string");
    private final ReferenceTable<Amf3Value> objects = new ReferenceTable<>("amf3-object");
    private final ReferenceTable<Amf3Traits> traitsTable = new ReferenceTable<>("amf3-traits");

    Amf3Parser(AmfInput in) {
        this.in = in;
    }

    /** Reads one value held by a container at {@code depth} (0 for a top-level value). */
    Amf3Value readValue(int depth) throws ProtocolException {
        int start = in.position();
        int marker = in.u8("amf3-marker");
        switch (marker) {
            case UNDEFINED:
                return Amf3Undefined.INSTANCE;
            case NULL:
                return Amf3Null.INSTANCE;
            case FALSE:
                return Amf3Boolean.FALSE;
            case TRUE:
                return Amf3Boolean.TRUE;
            case INTEGER:
                // SPEC (AMF3 3.6): sign-extend the 29-bit value.
                return new Amf3Integer((in.u29("amf3-integer") << 3) >> 3);
            case DOUBLE:
                return new Amf3Double(in.f64("amf3-double"));
            case STRING:
                return new Amf3String(readString("amf3-string"));
            default:
                return readComplex(marker, start, depth);
        }
    }

    /** SPEC (AMF3 1.3.2): UTF-8-vr, a string-table reference or an inline string. */
    String readString(String what) throws ProtocolException {
        int header = in.u29(what);
        if ((header & 1) == 0) {
            return strings.resolve(header >>> 1, in);
        }
        int length = header >>> 1;
        String value = in.utf8(length, what);
        if (length > 0) {
            // SPEC: the empty string is never sent by reference, so it never enters the table.
            strings.add(value, length);
        }
        return value;
    }

    /** Reads a value whose header is U29O-ref or an inline form: it enters the object table. */
    private Amf3Value readComplex(int marker, int start, int depth) throws ProtocolException {
        if (marker > DICTIONARY) {
            throw AmfInput.bad("unknown amf3 marker: marker=0x" + Integer.toHexString(marker) + " offset=" + start);
        }
        int header = in.u29("amf3-header");
        if ((header & 1) == 0) {
            return objects.resolve(header >>> 1, in);
        }
        long expandedBefore = in.expandedBytes();
        int index = objects.reserve();
        Amf3Value value = readInline(marker, header >>> 1, depth);
        long weight = (in.position() - start) + (in.expandedBytes() - expandedBefore);
        objects.complete(index, value, weight);
        return value;
    }

    /** Reads the body of an inline complex value; {@code info} is the header without its flag bit. */
    private Amf3Value readInline(int marker, int info, int depth) throws ProtocolException {
        switch (marker) {
            case XML_DOCUMENT:
                return new Amf3XmlDocument(in.utf8(info, "amf3-xml-document"));
            case XML:
                return new Amf3Xml(in.utf8(info, "amf3-xml"));
            case DATE:
                // SPEC (AMF3 3.7): the remaining header bits are unused.
                return new Amf3Date(in.f64("amf3-date"));
            case BYTE_ARRAY:
                return Amf3ByteArray.of(in.bytes(info, "amf3-byte-array"));
            case ARRAY:
                return readArray(info, depth + 1);
            case OBJECT:
                return readObject(info, depth + 1);
            case VECTOR_INT:
            case VECTOR_UINT:
            case VECTOR_DOUBLE:
                return readNumberVector(marker, info);
            case VECTOR_OBJECT:
                return readObjectVector(info, depth + 1);
            default:
                return readDictionary(info, depth + 1);
        }
    }

    private Amf3Array readArray(int denseCount, int depth) throws ProtocolException {
        in.checkDepth(depth, "amf3-array");
        in.checkCount(denseCount, 1, "amf3-array");
        Map<String, Amf3Value> associative = readMembers(depth, "amf3-array");
        List<Amf3Value> dense = new ArrayList<>(denseCount);
        for (int i = 0; i < denseCount; i++) {
            dense.add(readValue(depth));
        }
        return new Amf3Array(dense, associative);
    }

    /** Reads name/value pairs up to the empty name. */
    private Map<String, Amf3Value> readMembers(int depth, String what) throws ProtocolException {
        Map<String, Amf3Value> members = new LinkedHashMap<>();
        int read = 0;
        while (true) {
            String name = readString(what + "-name");
            if (name.isEmpty()) {
                return members;
            }
            in.checkElements(read, what);
            // LENIENT: a repeated name keeps the last value, as ActionScript does.
            members.put(name, readValue(depth));
            read++;
        }
    }

    private Amf3Object readObject(int info, int depth) throws ProtocolException {
        in.checkDepth(depth, "amf3-object");
        Amf3Traits traits = readTraits(info);
        List<String> names = traits.sealedMemberNames();
        in.checkCount(names.size(), 1, "amf3-object-sealed");
        List<Amf3Value> sealed = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            sealed.add(readValue(depth));
        }
        Map<String, Amf3Value> dynamic = traits.dynamic() ? readMembers(depth, "amf3-object") : Map.of();
        return new Amf3Object(traits, sealed, dynamic);
    }

    /** SPEC (AMF3 3.12): U29O-traits-ref, U29O-traits-ext or U29O-traits; info lacks bit 0. */
    private Amf3Traits readTraits(int info) throws ProtocolException {
        if ((info & 1) == 0) {
            return traitsTable.resolve(info >>> 1, in);
        }
        if ((info & 2) != 0) {
            String className = readString("amf3-class-name");
            throw AmfInput.bad("externalizable amf3 object not supported: className=" + className);
        }
        boolean dynamic = (info & 4) != 0;
        int sealedCount = info >>> 3;
        int start = in.position();
        String className = readString("amf3-class-name");
        in.checkCount(sealedCount, 1, "amf3-traits");
        List<String> names = new ArrayList<>(sealedCount);
        for (int i = 0; i < sealedCount; i++) {
            names.add(readString("amf3-member-name"));
        }
        Amf3Traits traits = new Amf3Traits(className, dynamic, false, names);
        traitsTable.add(traits, in.position() - start);
        return traits;
    }

    private Amf3Value readNumberVector(int marker, int count) throws ProtocolException {
        boolean fixed = in.u8("amf3-vector-fixed") != 0;
        if (marker == VECTOR_DOUBLE) {
            in.checkCount(count, 8, "amf3-vector-double");
            List<Double> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                items.add(in.f64("amf3-vector-double"));
            }
            return new Amf3VectorDouble(fixed, items);
        }
        in.checkCount(count, 4, "amf3-vector");
        if (marker == VECTOR_INT) {
            List<Integer> items = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                items.add((int) in.u32("amf3-vector-int"));
            }
            return new Amf3VectorInt(fixed, items);
        }
        List<Long> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(in.u32("amf3-vector-uint"));
        }
        return new Amf3VectorUint(fixed, items);
    }

    private Amf3VectorObject readObjectVector(int count, int depth) throws ProtocolException {
        in.checkDepth(depth, "amf3-vector-object");
        boolean fixed = in.u8("amf3-vector-fixed") != 0;
        String typeName = readString("amf3-vector-type");
        in.checkCount(count, 1, "amf3-vector-object");
        List<Amf3Value> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(readValue(depth));
        }
        return new Amf3VectorObject(fixed, typeName, items);
    }

    private Amf3Dictionary readDictionary(int count, int depth) throws ProtocolException {
        in.checkDepth(depth, "amf3-dictionary");
        boolean weakKeys = in.u8("amf3-dictionary-weak") != 0;
        in.checkCount(count, 2, "amf3-dictionary");
        List<Amf3Dictionary.Entry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Amf3Value key = readValue(depth);
            entries.add(new Amf3Dictionary.Entry(key, readValue(depth)));
        }
        return new Amf3Dictionary(weakKeys, entries);
    }
}
