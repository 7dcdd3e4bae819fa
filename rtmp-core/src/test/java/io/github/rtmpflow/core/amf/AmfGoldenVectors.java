package io.github.rtmpflow.core.amf;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Handwritten golden vectors from the AMF0 and AMF3 specifications, one table per format,
 * driving both decode and encode (where the writer's canonical form is the vector).
 */
final class AmfGoldenVectors {

    /**
     * One vector.
     *
     * @param name what it shows
     * @param hex the encoding; whitespace is ignored
     * @param value the decoded value
     * @param canonical whether the writer produces exactly these bytes for {@code value}
     */
    record Golden(String name, String hex, AmfValue value, boolean canonical) {
        byte[] bytes() {
            return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private AmfGoldenVectors() {
    }

    static final List<Golden> AMF0 = List.of(
            new Golden("number 1.0", "00 3ff0000000000000", new AmfNumber(1.0), true),
            new Golden("number -0.0", "00 8000000000000000", new AmfNumber(-0.0), true),
            new Golden("boolean true", "01 01", AmfBoolean.TRUE, true),
            new Golden("boolean false", "01 00", AmfBoolean.FALSE, true),
            new Golden("boolean non-zero is true", "01 7f", AmfBoolean.TRUE, false),
            new Golden("string", "02 0003 616263", new AmfString("abc"), true),
            new Golden("empty string", "02 0000", new AmfString(""), true),
            new Golden("string utf-8", "02 0005 c3a9e282ac", new AmfString("\u00e9\u20ac"), true),
            new Golden("string supplementary", "02 0004 f09f8eb5", new AmfString("\ud83c\udfb5"), true),
            new Golden("object", "03 0001 61 00 3ff0000000000000 0002 6262 02 0001 78 000009",
                    AmfObject.builder().put("a", 1.0).put("bb", "x").build(), true),
            new Golden("empty object", "03 000009", AmfObject.builder().build(), true),
            new Golden("object with empty name", "03 0000 0101 000009",
                    AmfObject.builder().put("", true).build(), true),
            new Golden("null", "05", AmfNull.INSTANCE, true),
            new Golden("undefined", "06", AmfUndefined.INSTANCE, true),
            new Golden("reference", "0a 00000002 03 0001 61 0101 000009 07 0001",
                    new AmfStrictArray(List.of(obj("a", AmfBoolean.TRUE), obj("a", AmfBoolean.TRUE))), false),
            new Golden("ecma array", "08 00000002 0001 61 0101 0001 62 05 000009",
                    new AmfEcmaArray(map("a", AmfBoolean.TRUE, "b", AmfNull.INSTANCE)), true),
            new Golden("ecma array wrong count hint", "08 ffffffff 0001 61 0101 000009",
                    new AmfEcmaArray(map("a", AmfBoolean.TRUE)), false),
            new Golden("strict array", "0a 00000002 00 3ff0000000000000 02 0001 61",
                    new AmfStrictArray(List.of(new AmfNumber(1.0), new AmfString("a"))), true),
            new Golden("empty strict array", "0a 00000000", new AmfStrictArray(List.of()), true),
            new Golden("date", "0b 426d1a94a2000000 0000", new AmfDate(1.0e12, 0), true),
            new Golden("date negative time zone", "0b 0000000000000000 ff88", new AmfDate(0, -120), true),
            new Golden("long string (short content)", "0c 00000003 616263", new AmfString("abc"), false),
            new Golden("unsupported", "0d", AmfUnsupported.INSTANCE, true),
            new Golden("xml document", "0f 00000004 3c612f3e", new AmfXmlDocument("<a/>"), true),
            new Golden("typed object", "10 0003 466f6f 0001 78 00 3ff0000000000000 000009",
                    new AmfTypedObject("Foo", map("x", new AmfNumber(1.0))), true),
            new Golden("avmplus integer", "11 04 01", new Amf3Integer(1), true),
            new Golden("avmplus string", "11 06 07 616263", new Amf3String("abc"), true),
            new Golden("avmplus object", "11 0a 0b 01 0361 0401 01",
                    Amf3Object.anonymous(Map.of("a", new Amf3Integer(1))), true),
            new Golden("avmplus fresh tables per switch", "0a 00000002 11 06 0378 11 06 0378",
                    new AmfStrictArray(List.of(new Amf3String("x"), new Amf3String("x"))), true));

    static final List<Golden> AMF3 = List.of(
            new Golden("undefined", "00", Amf3Undefined.INSTANCE, true),
            new Golden("null", "01", Amf3Null.INSTANCE, true),
            new Golden("false", "02", Amf3Boolean.FALSE, true),
            new Golden("true", "03", Amf3Boolean.TRUE, true),
            new Golden("integer 0", "04 00", new Amf3Integer(0), true),
            new Golden("integer 127", "04 7f", new Amf3Integer(127), true),
            new Golden("integer 128", "04 8100", new Amf3Integer(128), true),
            new Golden("integer 16383", "04 ff7f", new Amf3Integer(16383), true),
            new Golden("integer 16384", "04 818000", new Amf3Integer(16384), true),
            new Golden("integer 2097151", "04 ffff7f", new Amf3Integer(2097151), true),
            new Golden("integer 2097152", "04 80c08000", new Amf3Integer(2097152), true),
            new Golden("integer max", "04 bfffffff", new Amf3Integer(Amf3Integer.MAX_VALUE), true),
            new Golden("integer -1", "04 ffffffff", new Amf3Integer(-1), true),
            new Golden("integer min", "04 c0808000", new Amf3Integer(Amf3Integer.MIN_VALUE), true),
            new Golden("integer non-minimal U29", "04 8000", new Amf3Integer(0), false),
            new Golden("double", "05 3ff8000000000000", new Amf3Double(1.5), true),
            new Golden("string", "06 07 616263", new Amf3String("abc"), true),
            new Golden("empty string", "06 01", new Amf3String(""), true),
            new Golden("xml document", "07 09 3c612f3e", new Amf3XmlDocument("<a/>"), true),
            new Golden("date", "08 01 426d1a94a2000000", new Amf3Date(1.0e12), true),
            new Golden("dense array", "09 05 01 0401 0402",
                    Amf3Array.of(List.of(new Amf3Integer(1), new Amf3Integer(2))), true),
            new Golden("mixed array", "09 03 0361 03 01 01",
                    new Amf3Array(List.of(Amf3Null.INSTANCE), Map.of("a", Amf3Boolean.TRUE)), true),
            new Golden("anonymous object", "0a 0b 01 0361 0401 01",
                    Amf3Object.anonymous(Map.of("a", new Amf3Integer(1))), true),
            new Golden("sealed typed object", "0a 23 07466f6f 0378 0379 0401 0402",
                    new Amf3Object(new Amf3Traits("Foo", false, false, List.of("x", "y")),
                            List.of(new Amf3Integer(1), new Amf3Integer(2)), Map.of()), true),
            new Golden("xml", "0b 09 3c612f3e", new Amf3Xml("<a/>"), true),
            new Golden("byte array", "0c 07 010203", Amf3ByteArray.of(new byte[] {1, 2, 3}), true),
            new Golden("vector int", "0d 05 00 00000001 ffffffff",
                    new Amf3VectorInt(false, List.of(1, -1)), true),
            new Golden("vector uint", "0e 05 00 00000001 ffffffff",
                    new Amf3VectorUint(false, List.of(1L, 0xFFFF_FFFFL)), true),
            new Golden("vector double", "0f 03 01 3ff8000000000000",
                    new Amf3VectorDouble(true, List.of(1.5)), true),
            new Golden("vector object", "10 03 00 032a 01",
                    new Amf3VectorObject(false, "*", List.of(Amf3Null.INSTANCE)), true),
            new Golden("dictionary", "11 03 00 06036b 0401",
                    new Amf3Dictionary(false, List.of(new Amf3Dictionary.Entry(new Amf3String("k"),
                            new Amf3Integer(1)))), true),
            new Golden("string reference", "09 05 01 06 07616263 06 00",
                    Amf3Array.of(List.of(new Amf3String("abc"), new Amf3String("abc"))), false),
            new Golden("object reference", "09 05 01 0a 0b 01 01 0a 02",
                    Amf3Array.of(List.of(Amf3Object.anonymous(Map.of()), Amf3Object.anonymous(Map.of()))), false),
            new Golden("traits reference", "09 05 01 0a 13 07466f6f 0378 0401 0a 01 0402",
                    Amf3Array.of(List.of(foo(1), foo(2))), false),
            new Golden("date reference", "09 05 01 08 01 426d1a94a2000000 08 02",
                    Amf3Array.of(List.of(new Amf3Date(1.0e12), new Amf3Date(1.0e12))), false));

    private static Amf3Object foo(int x) {
        return new Amf3Object(new Amf3Traits("Foo", false, false, List.of("x")), List.of(new Amf3Integer(x)), Map.of());
    }

    static AmfObject obj(String name, AmfValue value) {
        return AmfObject.builder().put(name, value).build();
    }

    static Map<String, AmfValue> map(Object... pairs) {
        Map<String, AmfValue> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (AmfValue) pairs[i + 1]);
        }
        return m;
    }
}
