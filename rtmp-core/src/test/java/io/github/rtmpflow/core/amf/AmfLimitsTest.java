package io.github.rtmpflow.core.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile inputs: every limit of {@link RtmpLimits} and every malformed form gives BAD_AMF. */
class AmfLimitsTest {
    private static final RtmpLimits UNBOUNDED = new RtmpLimits(RtmpLimits.MAX_WIRE_MESSAGE_LENGTH,
            RtmpLimits.MAX_WIRE_CHUNK_SIZE, 64, Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE);
    private static final int DEEP = 500_000;

    private static AbstractStringAssert<?> assertBadAmf0(RtmpLimits limits, String hex) {
        return assertBadAmf0(limits, HexFormat.of().parseHex(hex.replaceAll("\\s", "")));
    }

    private static AbstractStringAssert<?> assertBadAmf0(RtmpLimits limits, byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        ProtocolException e = catchProtocol(() -> new Amf0Reader(limits).readAll(in));
        assertThat(in.position()).as("position restored").isZero();
        return assertThat(e.error().detail());
    }

    private static AbstractStringAssert<?> assertBadAmf3(RtmpLimits limits, String hex) {
        ByteBuffer in = ByteBuffer.wrap(HexFormat.of().parseHex(hex.replaceAll("\\s", "")));
        ProtocolException e = catchProtocol(() -> new Amf3Reader(limits).readAll(in));
        return assertThat(e.error().detail());
    }

    interface Decode {
        Object run() throws ProtocolException;
    }

    private static ProtocolException catchProtocol(Decode decode) {
        try {
            Object value = decode.run();
            throw new AssertionError("expected BAD_AMF, decoded " + value);
        } catch (ProtocolException e) {
            assertThat(e.error().code()).isEqualTo(ProtocolError.Code.BAD_AMF);
            return e;
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static byte[] repeat(String prefixHex, int times, String tailHex) {
        byte[] prefix = HexFormat.of().parseHex(prefixHex);
        byte[] tail = HexFormat.of().parseHex(tailHex);
        ByteArrayOutputStream out = new ByteArrayOutputStream(prefix.length * times + tail.length);
        for (int i = 0; i < times; i++) {
            out.writeBytes(prefix);
        }
        out.writeBytes(tail);
        return out.toByteArray();
    }

    /** Layouts "prefix|level|innermost|closing": one level per nesting, closings after. */
    private static final String[] NESTINGS = {
        "|0a00000001|05|", "|030001 61|05|000009", "|0800000001 0001 61|05|000009",
        "|10 0001 43 0001 61|05|000009", "11|09 03 01|01|", "11|09 01 0361|01|01", "11|0a 0b 01 0361|01|01",
        "11|0a 13 01 0361|01|", "11|10 03 00 01|01|", "11|11 03 00 01|01 01|"};

    static Stream<String> nestings() {
        return Stream.of(NESTINGS);
    }

    private static byte[] nest(String layout, int depth) {
        String[] parts = layout.replace(" ", "").split("\\|", -1);
        return concat(concat(HexFormat.of().parseHex(parts[0]), repeat(parts[1], depth, parts[2])),
                repeat(parts[3], depth, ""));
    }

    @ParameterizedTest
    @MethodSource("nestings")
    void shouldRejectHalfMillionNestingWithoutStackOverflow(String layout) {
        byte[] bytes = nest(layout, DEEP);

        assertBadAmf0(RtmpLimits.DEFAULTS, bytes).startsWith("nesting too deep").contains("depth=33 maxAmfDepth=32");
        assertBadAmf0(UNBOUNDED, bytes).startsWith("nesting too deep")
                .contains("maxAmfDepth=" + AmfInput.MAX_SUPPORTED_DEPTH);
    }

    @ParameterizedTest
    @MethodSource("nestings")
    void shouldDecodeNestingAtTheLimit(String layout) throws ProtocolException {
        AmfValue v = new Amf0Reader(RtmpLimits.DEFAULTS).read(ByteBuffer.wrap(nest(layout, 32)));

        assertThat(v).isNotNull();
        assertBadAmf0(RtmpLimits.DEFAULTS, nest(layout, 33)).startsWith("nesting too deep");
    }

    @ParameterizedTest
    @MethodSource("nestings")
    void shouldDecodeDeepestSupportedNestingOnASmallThreadStack(String layout) throws Exception {
        byte[] bytes = nest(layout, AmfInput.MAX_SUPPORTED_DEPTH);
        Object[] result = new Object[1];
        Thread thread = new Thread(null, () -> {
            try {
                result[0] = new Amf0Reader(UNBOUNDED).read(ByteBuffer.wrap(bytes));
            } catch (Throwable t) {
                result[0] = t;
            }
        }, "small-stack", 256 * 1024);
        thread.start();
        thread.join();

        assertThat(result[0]).isInstanceOf(AmfValue.class);
    }

    @Test
    void shouldCountDepthAcrossTheAvmplusSwitch() {
        // 31 AMF0 strict arrays, then behind 0x11 two nested AMF3 arrays: depths 32 and 33.
        byte[] bytes = repeat("0a00000001", 31, "11 0903 01 0901 01".replace(" ", ""));

        assertBadAmf0(RtmpLimits.DEFAULTS, bytes).startsWith("nesting too deep").contains("depth=33");
    }

    @Test
    void shouldAcceptNestingUpToTheLimit() throws ProtocolException {
        RtmpLimits limits = RtmpLimits.DEFAULTS;
        byte[] atLimit = repeat("0a00000001", limits.maxAmfDepth(), "05");

        List<AmfValue> values = new Amf0Reader(limits).readAll(ByteBuffer.wrap(atLimit));

        AmfValue v = values.get(0);
        for (int i = 0; i < limits.maxAmfDepth(); i++) {
            v = ((AmfStrictArray) v).items().get(0);
        }
        assertThat(v).isEqualTo(AmfNull.INSTANCE);
        assertBadAmf0(limits, repeat("0a00000001", limits.maxAmfDepth() + 1, "05"))
                .isEqualTo("nesting too deep: what=amf0 depth=33 maxAmfDepth=32");
    }

    @Test
    void shouldRejectStringLongerThanMessage() {
        assertBadAmf0(RtmpLimits.DEFAULTS, "02 0010 616263").startsWith("truncated data: what=string need=16 remaining=3");
        assertBadAmf0(RtmpLimits.DEFAULTS, "0c ffffffff 616263").startsWith("string too long");
        assertBadAmf0(UNBOUNDED, "0c 7fffffff 616263").startsWith("truncated data: what=long-string need=2147483647");
        assertBadAmf0(UNBOUNDED, "0c ffffffff 616263").startsWith("string too long: what=long-string length=4294967295");
        assertBadAmf0(UNBOUNDED, "0f 7fffffff 3c").startsWith("truncated data: what=xml-document");
        assertBadAmf0(UNBOUNDED, "03 7fff 61 05 000009").startsWith("truncated data: what=object-name");
        assertBadAmf3(UNBOUNDED, "06 ffffffff 61").startsWith("truncated data: what=amf3-string need=268435455");
        assertBadAmf3(UNBOUNDED, "0c ffffffff 61").startsWith("truncated data: what=amf3-byte-array");
    }

    @Test
    void shouldRejectStringAboveConfiguredLimit() throws ProtocolException {
        RtmpLimits limits = limits(32, 4, 100);

        assertThat(new Amf0Reader(limits).read(ByteBuffer.wrap(HexFormat.of().parseHex("02000461626364"))))
                .isEqualTo(new AmfString("abcd"));
        assertBadAmf0(limits, "020005 6162636465").isEqualTo("string too long: what=string length=5 maxAmfStringLength=4");
        assertBadAmf3(limits, "06 0b 6162636465").startsWith("string too long: what=amf3-string length=5");
        assertBadAmf3(limits, "0c 0b 0102030405").startsWith("byte array too long");
    }

    @Test
    void shouldRejectHugeCountHintsWithoutAllocatingForThem() {
        // With every limit open, only the remaining-bytes check stands between these counts and
        // a multi-gigabyte allocation (which would fail the test with OutOfMemoryError).
        assertBadAmf0(UNBOUNDED, "0a 7fffffff 05 05").startsWith("truncated data: what=strict-array need=2147483647");
        assertBadAmf0(UNBOUNDED, "0a ffffffff 05 05").startsWith("too many elements: what=strict-array count=4294967295");
        assertBadAmf0(UNBOUNDED, "08 ffffffff 0001 61 05").startsWith("truncated data: what=ecma-array-name-length");
        assertBadAmf3(UNBOUNDED, "09 ffffffff 01 01").startsWith("truncated data: what=amf3-array");
        assertBadAmf3(UNBOUNDED, "0d ffffffff 00 00000001").startsWith("truncated data: what=amf3-vector need=");
        assertBadAmf3(UNBOUNDED, "0f ffffffff 00 00").startsWith("truncated data: what=amf3-vector-double");
        assertBadAmf3(UNBOUNDED, "10 ffffffff 00 01 01").startsWith("truncated data: what=amf3-vector-object");
        assertBadAmf3(UNBOUNDED, "11 ffffffff 00 01 01").startsWith("truncated data: what=amf3-dictionary");
        assertBadAmf3(UNBOUNDED, "0a fffffff3 01 01").startsWith("truncated data: what=amf3-traits");
    }

    @Test
    void shouldDecodeEcmaArrayWhoseCountHintIsHuge() throws ProtocolException {
        AmfValue v = new Amf0Reader(RtmpLimits.DEFAULTS)
                .read(ByteBuffer.wrap(HexFormat.of().parseHex("08ffffffff0001610101000009")));

        assertThat(v).isEqualTo(new AmfEcmaArray(AmfGoldenVectors.map("a", AmfBoolean.TRUE)));
    }

    @Test
    void shouldRejectMoreElementsThanConfigured() {
        RtmpLimits limits = limits(32, 1000, 2);

        assertBadAmf0(limits, "0a 00000003 05 05 05").isEqualTo("too many elements: what=strict-array count=3 maxAmfElements=2");
        assertBadAmf0(limits, "03 0001 61 05 0001 62 05 0001 63 05 000009").startsWith("too many elements: what=object");
        assertBadAmf0(limits, "08 00000000 0001 61 05 0001 62 05 0001 63 05 000009").startsWith("too many elements: what=ecma-array");
        assertBadAmf0(limits, "10 0001 43 0001 61 05 0001 62 05 0001 63 05 000009").startsWith("too many elements: what=typed-object");
        assertBadAmf3(limits, "09 07 01 01 01 01").startsWith("too many elements: what=amf3-array");
        assertBadAmf3(limits, "09 01 0361 01 0362 01 0363 01 01").startsWith("too many elements: what=amf3-array");
        assertBadAmf3(limits, "0a 0b 01 0361 01 0362 01 0363 01 01").startsWith("too many elements: what=amf3-object");
        assertBadAmf3(limits, "0a 33 01 0361 0362 0363 01 01 01").startsWith("too many elements: what=amf3-traits");
        assertBadAmf3(limits, "0d 07 00 00000001 00000002 00000003").startsWith("too many elements: what=amf3-vector");
        assertBadAmf3(limits, "11 07 00 0101 0101 0101").startsWith("too many elements: what=amf3-dictionary");
    }

    @Test
    void shouldAcceptExactlyTheConfiguredElements() throws ProtocolException {
        RtmpLimits limits = limits(32, 1000, 2);
        ByteBuffer in = ByteBuffer.wrap(HexFormat.of().parseHex("030001610500016205000009"));

        assertThat(new Amf0Reader(limits).read(in))
                .isEqualTo(new AmfObject(AmfGoldenVectors.map("a", AmfNull.INSTANCE, "b", AmfNull.INSTANCE)));
    }

    @ParameterizedTest
    @ValueSource(ints = {0x04, 0x0E})
    void shouldRejectReservedAmf0Markers(int marker) {
        assertBadAmf0(RtmpLimits.DEFAULTS, new byte[] {(byte) marker, 0, 0, 0})
                .isEqualTo("reserved marker: marker=0x" + Integer.toHexString(marker) + " offset=0");
    }

    @Test
    void shouldRejectEveryUnknownMarker() {
        for (int marker = 0x12; marker <= 0xFF; marker++) {
            byte[] bytes = {(byte) marker, 0, 0, 0, 0, 0, 0, 0, 0};
            assertBadAmf0(RtmpLimits.DEFAULTS, bytes).startsWith("unknown marker: marker=0x" + Integer.toHexString(marker));
            assertBadAmf0(RtmpLimits.DEFAULTS, new byte[] {0x11, (byte) marker, 1, 0, 0, 0, 0, 0, 0, 0, 0})
                    .startsWith("unknown amf3 marker: marker=0x" + Integer.toHexString(marker));
        }
    }

    @Test
    void shouldRejectObjectEndOutsideObject() {
        assertBadAmf0(RtmpLimits.DEFAULTS, "09").startsWith("object-end outside an object");
        assertBadAmf0(RtmpLimits.DEFAULTS, "0a 00000001 09").startsWith("object-end outside an object");
        assertBadAmf0(RtmpLimits.DEFAULTS, "03 0001 61 09").startsWith("object-end outside an object");
    }

    @Test
    void shouldRejectBadReferences() {
        assertBadAmf0(RtmpLimits.DEFAULTS, "07 0000").isEqualTo("bad reference index: table=amf0-object index=0 size=0");
        assertBadAmf0(RtmpLimits.DEFAULTS, "03 000009 07 0001").startsWith("bad reference index: table=amf0-object index=1 size=1");
        assertBadAmf0(RtmpLimits.DEFAULTS, "0a 00000001 07 0000").startsWith("reference to a value still being read");
        assertBadAmf0(RtmpLimits.DEFAULTS, "03 0001 61 07 0000 000009").startsWith("reference to a value still being read");
        assertBadAmf3(RtmpLimits.DEFAULTS, "06 02").startsWith("bad reference index: table=amf3-string index=1 size=0");
        assertBadAmf3(RtmpLimits.DEFAULTS, "09 00").startsWith("bad reference index: table=amf3-object index=0");
        assertBadAmf3(RtmpLimits.DEFAULTS, "09 03 01 09 00").startsWith("reference to a value still being read");
        assertBadAmf3(RtmpLimits.DEFAULTS, "0a 05").startsWith("bad reference index: table=amf3-traits index=1 size=0");
    }

    @Test
    void shouldResolveAmf0ReferencesAcrossValuesOfOneReadAllCall() throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(HexFormat.of().parseHex("03 0001 61 0101 000009 07 0000".replace(" ", "")));

        List<AmfValue> values = new Amf0Reader(RtmpLimits.DEFAULTS).readAll(in);

        assertThat(values).hasSize(2);
        assertThat(values.get(1)).isSameAs(values.get(0));
    }

    @Test
    void shouldNotShareAmf0ReferencesBetweenReadCalls() throws ProtocolException {
        Amf0Reader reader = new Amf0Reader(RtmpLimits.DEFAULTS);
        ByteBuffer in = ByteBuffer.wrap(HexFormat.of().parseHex("03000009070000"));

        assertThat(reader.read(in)).isEqualTo(AmfObject.builder().build());
        ProtocolException e = catchProtocol(() -> reader.read(in));
        assertThat(e.error().detail()).startsWith("bad reference index");
        assertThat(in.position()).isEqualTo(4);
    }

    @Test
    void shouldNotShareAmf3TablesBetweenAvmplusSwitches() {
        assertBadAmf0(RtmpLimits.DEFAULTS, "11 06 0361 11 06 00").startsWith("bad reference index: table=amf3-string");
    }

    @Test
    void shouldRejectExternalizableAmf3Object() {
        assertBadAmf3(RtmpLimits.DEFAULTS, "0a 07 07 466f6f 00")
                .isEqualTo("externalizable amf3 object not supported: className=Foo");
    }

    @Test
    void shouldBoundReferenceExpansion() {
        // Each strict array holds two references to the previous one: the value doubles per
        // 7 bytes. Shared instances keep memory small, but walking the value would not be.
        int levels = 40;
        StringBuilder hex = new StringBuilder("0a").append(String.format("%08x", levels + 1)).append("0a00000000");
        for (int i = 1; i <= levels; i++) {
            hex.append("0a00000002").append(String.format("07%04x07%04x", i, i));
        }
        assertBadAmf0(RtmpLimits.DEFAULTS, hex.toString()).startsWith("references expand too far: what=amf0-object")
                .contains("limit=16777215");
        assertBadAmf3(RtmpLimits.DEFAULTS, amf3Doubling(levels)).startsWith("references expand too far: what=amf3-object");
    }

    @Test
    void shouldAcceptModestReferenceExpansion() throws ProtocolException {
        ByteBuffer in = ByteBuffer.wrap(HexFormat.of().parseHex(amf3Doubling(10).replace(" ", "")));

        Amf3Value v = new Amf3Reader(RtmpLimits.DEFAULTS).read(in);

        assertThat(((Amf3Array) v).dense()).hasSize(11);
    }

    /** An AMF3 array whose item i+1 is an array holding two references to item i. */
    private static String amf3Doubling(int levels) {
        StringBuilder hex = new StringBuilder("09").append(u29Hex(((levels + 1) << 1) | 1)).append("01 0901 01");
        for (int i = 1; i <= levels; i++) {
            hex.append("09 05 01").append(" 09").append(u29Hex(i << 1)).append(" 09").append(u29Hex(i << 1));
        }
        return hex.toString();
    }

    private static String u29Hex(int v) {
        ByteBuffer b = ByteBuffer.allocate(4);
        AmfOutput.u29(b, v);
        return HexFormat.of().formatHex(b.array(), 0, b.position());
    }

    private static RtmpLimits limits(int depth, int stringLength, int elements) {
        return new RtmpLimits(RtmpLimits.MAX_WIRE_MESSAGE_LENGTH, RtmpLimits.MAX_WIRE_CHUNK_SIZE, 64,
                32L * 1024 * 1024, depth, stringLength, elements);
    }
}
