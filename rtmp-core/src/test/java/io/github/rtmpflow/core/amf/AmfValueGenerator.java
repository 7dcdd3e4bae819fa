package io.github.rtmpflow.core.amf;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Random AMF0 and AMF3 values from a seeded {@link Random}, covering every value type, for
 * property-style round-trip tests (jqwik is not used in this project).
 */
final class AmfValueGenerator {
    private static final String[] SAMPLES = {"", "a", "app", "tcUrl", "\u00e9t\u00e9", "\u20ac", "\ud83c\udfb5 music",
        "rtmp://127.0.0.1/live", "\u0000nul", "onMetaData"};

    private final Random random;
    private final int maxDepth;

    AmfValueGenerator(long seed, int maxDepth) {
        this.random = new Random(seed);
        this.maxDepth = maxDepth;
    }

    String string() {
        if (random.nextInt(3) > 0) {
            return SAMPLES[random.nextInt(SAMPLES.length)];
        }
        int length = random.nextInt(20);
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            if (kind == 0) {
                sb.append((char) (0x20 + random.nextInt(0x5F)));
            } else if (kind == 1) {
                sb.append((char) (0x80 + random.nextInt(0x780)));
            } else if (kind == 2) {
                char c = (char) (0x800 + random.nextInt(0xD000 - 0x800));
                sb.append(c);
            } else {
                sb.appendCodePoint(0x10000 + random.nextInt(0x100000));
            }
        }
        return sb.toString();
    }

    private String name() {
        String s = string();
        return s.isEmpty() ? "k" : s;
    }

    double number() {
        switch (random.nextInt(5)) {
            case 0:
                return random.nextInt(1000);
            case 1:
                return Double.NaN;
            case 2:
                return random.nextBoolean() ? Double.POSITIVE_INFINITY : -0.0;
            default:
                return Double.longBitsToDouble(random.nextLong());
        }
    }

    AmfValue amf0(int depth) {
        int kind = random.nextInt(depth >= maxDepth ? 9 : 14);
        switch (kind) {
            case 0:
                return new AmfNumber(number());
            case 1:
                return random.nextBoolean() ? AmfBoolean.TRUE : AmfBoolean.FALSE;
            case 2:
                return new AmfString(string());
            case 3:
                return AmfNull.INSTANCE;
            case 4:
                return AmfUndefined.INSTANCE;
            case 5:
                return new AmfDate(number(), random.nextInt(65536) - 32768);
            case 6:
                return AmfUnsupported.INSTANCE;
            case 7:
                return new AmfXmlDocument("<x>" + string() + "</x>");
            case 8:
                return amf3Scalar();
            case 9:
                return new AmfObject(amf0Map(depth));
            case 10:
                return new AmfEcmaArray(amf0Map(depth));
            case 11:
                List<AmfValue> items = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    items.add(amf0(depth + 1));
                }
                return new AmfStrictArray(items);
            case 12:
                return new AmfTypedObject(name(), amf0Map(depth));
            default:
                return amf3(depth);
        }
    }

    private Map<String, AmfValue> amf0Map(int depth) {
        Map<String, AmfValue> map = new LinkedHashMap<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            // An empty name is legal in AMF0 as long as its value's marker is not object-end.
            map.put(random.nextInt(10) == 0 ? "" : string(), amf0(depth + 1));
        }
        return map;
    }

    Amf3Value amf3Scalar() {
        switch (random.nextInt(10)) {
            case 0:
                return Amf3Undefined.INSTANCE;
            case 1:
                return Amf3Null.INSTANCE;
            case 2:
                return Amf3Boolean.of(random.nextBoolean());
            case 3:
                return new Amf3Integer(Amf3Integer.MIN_VALUE + random.nextInt(1 << 29));
            case 4:
                return new Amf3Integer(random.nextInt(300) - 150);
            case 5:
                return new Amf3Double(number());
            case 6:
                return new Amf3String(string());
            case 7:
                return new Amf3Date(number());
            case 8:
                return random.nextBoolean() ? new Amf3Xml(string()) : new Amf3XmlDocument(string());
            default:
                byte[] bytes = new byte[random.nextInt(10)];
                random.nextBytes(bytes);
                return new Amf3ByteArray(ByteBuffer.wrap(bytes));
        }
    }

    Amf3Value amf3(int depth) {
        if (depth >= maxDepth) {
            return amf3Scalar();
        }
        switch (random.nextInt(9)) {
            case 0:
                return new Amf3Array(amf3List(depth), amf3Map(depth));
            case 1:
                return Amf3Object.anonymous(amf3Map(depth));
            case 2:
                List<String> names = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    names.add(string());
                }
                boolean dynamic = random.nextBoolean();
                List<Amf3Value> sealed = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) {
                    sealed.add(amf3(depth + 1));
                }
                return new Amf3Object(new Amf3Traits(string(), dynamic, false, names), sealed,
                        dynamic ? amf3Map(depth) : Map.of());
            case 3:
                List<Integer> ints = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    ints.add(random.nextInt());
                }
                return new Amf3VectorInt(random.nextBoolean(), ints);
            case 4:
                List<Long> uints = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    uints.add(random.nextLong() & 0xFFFF_FFFFL);
                }
                return new Amf3VectorUint(random.nextBoolean(), uints);
            case 5:
                List<Double> doubles = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    doubles.add(number());
                }
                return new Amf3VectorDouble(random.nextBoolean(), doubles);
            case 6:
                return new Amf3VectorObject(random.nextBoolean(), string(), amf3List(depth));
            case 7:
                List<Amf3Dictionary.Entry> entries = new ArrayList<>();
                for (int i = random.nextInt(4); i > 0; i--) {
                    entries.add(new Amf3Dictionary.Entry(amf3(depth + 1), amf3(depth + 1)));
                }
                return new Amf3Dictionary(random.nextBoolean(), entries);
            default:
                return amf3Scalar();
        }
    }

    private List<Amf3Value> amf3List(int depth) {
        List<Amf3Value> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            list.add(amf3(depth + 1));
        }
        return list;
    }

    private Map<String, Amf3Value> amf3Map(int depth) {
        Map<String, Amf3Value> map = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            map.put(name(), amf3(depth + 1));
        }
        return map;
    }
}
