package io.github.rtmpflow.core.amf;

import io.github.rtmpflow.core.ProtocolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AMF0 grammar for one read call. Recursive descent whose depth is checked before every
 * descent (see {@link AmfInput#MAX_SUPPORTED_DEPTH}); all byte access goes through
 * {@link AmfInput}. Not thread-safe; one instance per call.
 */
final class Amf0Parser {
    static final int NUMBER = 0x00;
    static final int BOOLEAN = 0x01;
    static final int STRING = 0x02;
    static final int OBJECT = 0x03;
    static final int MOVIECLIP = 0x04;
    static final int NULL = 0x05;
    static final int UNDEFINED = 0x06;
    static final int REFERENCE = 0x07;
    static final int ECMA_ARRAY = 0x08;
    static final int OBJECT_END = 0x09;
    static final int STRICT_ARRAY = 0x0A;
    static final int DATE = 0x0B;
    static final int LONG_STRING = 0x0C;
    static final int UNSUPPORTED = 0x0D;
    static final int RECORDSET = 0x0E;
    static final int XML_DOCUMENT = 0x0F;
    static final int TYPED_OBJECT = 0x10;
    static final int AVMPLUS = 0x11;

    private final AmfInput in;
    private final ReferenceTable<AmfValue> references = new ReferenceTable<>("amf0-object");

    Amf0Parser(AmfInput in) {
        this.in = in;
    }

    /** Reads one value held by a container at {@code depth} (0 for a top-level value). */
    AmfValue readValue(int depth) throws ProtocolException {
        int start = in.position();
        int marker = in.u8("marker");
        switch (marker) {
            case NUMBER:
                return new AmfNumber(in.f64("number"));
            case BOOLEAN:
                // LENIENT: any non-zero byte is true.
                return in.u8("boolean") != 0 ? AmfBoolean.TRUE : AmfBoolean.FALSE;
            case STRING:
                return new AmfString(in.utf8(in.u16("string-length"), "string"));
            case LONG_STRING:
                return new AmfString(in.utf8(in.u32("long-string-length"), "long-string"));
            case XML_DOCUMENT:
                return new AmfXmlDocument(in.utf8(in.u32("xml-document-length"), "xml-document"));
            case NULL:
                return AmfNull.INSTANCE;
            case UNDEFINED:
                return AmfUndefined.INSTANCE;
            case UNSUPPORTED:
                return AmfUnsupported.INSTANCE;
            case DATE:
                return readDate();
            case REFERENCE:
                // SPEC (AMF0 2.9): U16 index into the table of objects, arrays and typed objects.
                return references.resolve(in.u16("reference"), in);
            case OBJECT:
            case ECMA_ARRAY:
            case STRICT_ARRAY:
            case TYPED_OBJECT:
                return readComplex(marker, start, depth + 1);
            case AVMPLUS:
                // SPEC (AMF0 3.1): the next value is AMF3, with fresh AMF3 reference tables.
                return new Amf3Parser(in).readValue(depth);
            case MOVIECLIP:
            case RECORDSET:
                throw AmfInput.bad("reserved marker: marker=0x" + Integer.toHexString(marker) + " offset=" + start);
            case OBJECT_END:
                throw AmfInput.bad("object-end outside an object: offset=" + start);
            default:
                throw AmfInput.bad("unknown marker: marker=0x" + Integer.toHexString(marker) + " offset=" + start);
        }
    }

    private AmfDate readDate() throws ProtocolException {
        double millis = in.f64("date");
        // SPEC (AMF0 2.13): a reserved S16 time zone follows, which should be 0.
        int timeZone = (short) in.u16("date-time-zone");
        return new AmfDate(millis, timeZone);
    }

    /** Reads an object, ECMA array, strict array or typed object at nesting {@code depth}. */
    private AmfValue readComplex(int marker, int start, int depth) throws ProtocolException {
        in.checkDepth(depth, "amf0");
        long expandedBefore = in.expandedBytes();
        // SPEC (AMF0 2.9): complex values enter the reference table in the order they start.
        int index = references.reserve();
        AmfValue value;
        if (marker == OBJECT) {
            value = new AmfObject(readProperties(depth, "object"));
        } else if (marker == ECMA_ARRAY) {
            // LENIENT: the associative count is only a hint (encoders get it wrong); the
            // object-end marker ends the array, and the hint never sizes anything.
            in.u32("ecma-array-count");
            value = new AmfEcmaArray(readProperties(depth, "ecma-array"));
        } else if (marker == STRICT_ARRAY) {
            value = new AmfStrictArray(readStrictItems(depth));
        } else {
            String className = in.utf8(in.u16("class-name-length"), "class-name");
            value = new AmfTypedObject(className, readProperties(depth, "typed-object"));
        }
        long weight = (in.position() - start) + (in.expandedBytes() - expandedBefore);
        references.complete(index, value, weight);
        return value;
    }

    private List<AmfValue> readStrictItems(int depth) throws ProtocolException {
        long count = in.u32("strict-array-count");
        in.checkCount(count, 1, "strict-array");
        List<AmfValue> items = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            items.add(readValue(depth));
        }
        return items;
    }

    /** Reads name/value pairs up to the object-end marker (00 00 09). */
    private Map<String, AmfValue> readProperties(int depth, String what) throws ProtocolException {
        Map<String, AmfValue> properties = new LinkedHashMap<>();
        int read = 0;
        while (true) {
            int nameLength = in.u16(what + "-name-length");
            if (nameLength == 0) {
                in.require(1, what + "-end");
                if (in.peekU8() == OBJECT_END) {
                    in.u8(what + "-end");
                    return properties;
                }
            }
            in.checkElements(read, what);
            String name = in.utf8(nameLength, what + "-name");
            // LENIENT: a repeated name keeps the last value, as ActionScript does.
            properties.put(name, readValue(depth));
            read++;
        }
    }
}
