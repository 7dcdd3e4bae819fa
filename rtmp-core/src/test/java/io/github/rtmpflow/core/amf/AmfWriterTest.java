package io.github.rtmpflow.core.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writer choices (string markers, counts, UTF-8) and caller errors, plus value-record rules. */
class AmfWriterTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 65534, 65535})
    void shouldUseShortStringMarkerUpTo65535Bytes(int length) {
        byte[] bytes = Amf0Writer.encode(new AmfString("x".repeat(length)));

        assertThat(bytes).hasSize(3 + length);
        assertThat(bytes[0]).isEqualTo((byte) 0x02);
        assertThat(((bytes[1] & 0xFF) << 8) | (bytes[2] & 0xFF)).isEqualTo(length);
    }

    @ParameterizedTest
    @ValueSource(ints = {65536, 65537, 200_000})
    void shouldUseLongStringMarkerAbove65535Bytes(int length) throws ProtocolException {
        AmfString value = new AmfString("x".repeat(length));

        byte[] bytes = Amf0Writer.encode(value);

        assertThat(bytes).hasSize(5 + length);
        assertThat(HexFormat.of().formatHex(bytes, 0, 5)).isEqualTo("0c" + String.format("%08x", length));
        assertThat(new Amf0Reader(RtmpLimits.DEFAULTS).read(ByteBuffer.wrap(bytes))).isEqualTo(value);
    }

    @Test
    void shouldCountUtf8BytesNotCharsWhenChoosingTheMarker() {
        String euros = "\u20ac".repeat(21_845);

        assertThat(Amf0Writer.encode(new AmfString(euros))[0]).isEqualTo((byte) 0x02);
        assertThat(Amf0Writer.encode(new AmfString(euros + "a"))[0]).isEqualTo((byte) 0x0C);
    }

    @Test
    void shouldEncodeUnpairedSurrogatesLikeStringGetBytes() {
        String s = "a\ud800b\udc00\ud83c";

        byte[] bytes = Amf0Writer.encode(new AmfString(s));

        byte[] expected = s.getBytes(StandardCharsets.UTF_8);
        assertThat(bytes).hasSize(3 + expected.length);
        assertThat(java.util.Arrays.copyOfRange(bytes, 3, bytes.length)).isEqualTo(expected);
    }

    @Test
    void shouldWriteTheRealEcmaArrayCount() {
        AmfEcmaArray array = new AmfEcmaArray(AmfGoldenVectors.map("a", AmfNull.INSTANCE, "b", AmfNull.INSTANCE,
                "c", AmfNull.INSTANCE));

        assertThat(HexFormat.of().formatHex(Amf0Writer.encode(array)))
                .isEqualTo("0800000003" + "00016105" + "00016205" + "00016305" + "000009");
    }

    @Test
    void shouldRejectNamesLongerThan65535Bytes() {
        String longName = "n".repeat(65_536);

        assertThatThrownBy(() -> Amf0Writer.encode(AmfObject.builder().put(longName, 1.0).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("UTF-8 too long for a U16 length: what=name length=65536");
        assertThatThrownBy(() -> Amf0Writer.encodedLength(new AmfTypedObject(longName, Map.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("UTF-8 too long for a U16 length: what=className length=65536");
    }

    @Test
    void shouldRejectTimeZoneOutsideS16() {
        assertThatThrownBy(() -> Amf0Writer.encode(new AmfDate(0, 40_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("time zone outside S16: timeZoneMinutes=40000");
    }

    @Test
    void shouldRejectExternalizableObjects() {
        Amf3Object externalizable = new Amf3Object(new Amf3Traits("flex.messaging.io.ArrayCollection", false, true,
                List.of()), List.of(), Map.of());

        assertThatThrownBy(() -> Amf3Writer.encode(externalizable))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("externalizable object cannot be written: className=flex.messaging.io.ArrayCollection");
        assertThatThrownBy(() -> Amf0Writer.encode(externalizable)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectTooSmallBufferForAmf3() {
        ByteBuffer out = ByteBuffer.allocate(2);

        assertThatThrownBy(() -> Amf3Writer.write(new Amf3Double(1), out))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("buffer too small: remaining=2 needed=9");
        assertThat(out.position()).isZero();
    }

    @Test
    void shouldNeverWriteAmf3References() throws ProtocolException {
        Amf3Value value = Amf3Array.of(List.of(new Amf3String("abc"), new Amf3String("abc")));

        assertThat(HexFormat.of().formatHex(Amf3Writer.encode(value))).isEqualTo("090501" + "0607616263" + "0607616263");
    }

    @Test
    void shouldRejectIntegersOutside29Bits() {
        assertThatThrownBy(() -> new Amf3Integer(Amf3Integer.MAX_VALUE + 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("integer outside 29-bit range: value=268435456");
        assertThatThrownBy(() -> new Amf3Integer(Amf3Integer.MIN_VALUE - 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectObjectsThatContradictTheirTraits() {
        Amf3Traits sealed = new Amf3Traits("Foo", false, false, List.of("x"));

        assertThatThrownBy(() -> new Amf3Object(sealed, List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sealed values do not match traits: values=0 names=1");
        assertThatThrownBy(() -> new Amf3Object(sealed, List.of(Amf3Null.INSTANCE), Map.of("y", Amf3Null.INSTANCE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dynamic members on sealed traits: className=Foo dynamicMembers=1");
        assertThatThrownBy(() -> Amf3Object.anonymous(Map.of("", Amf3Null.INSTANCE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty member name: part=dynamicMembers");
        assertThatThrownBy(() -> new Amf3Array(List.of(), Map.of("", Amf3Null.INSTANCE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("empty member name: part=associative");
        assertThatThrownBy(() -> new Amf3Traits("Ext", true, true, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Amf3VectorUint(false, List.of(-1L))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFindObjectMembersByName() {
        Amf3Object o = new Amf3Object(new Amf3Traits("Foo", true, false, List.of("x")), List.of(new Amf3Integer(1)),
                Map.of("y", new Amf3String("v")));

        assertThat(o.get("x")).isEqualTo(new Amf3Integer(1));
        assertThat(o.get("y")).isEqualTo(new Amf3String("v"));
        assertThat(o.get("z")).isNull();
    }

    @Test
    void shouldKeepByteArraysIndependentOfCallers() {
        byte[] source = {1, 2, 3};
        Amf3ByteArray array = Amf3ByteArray.of(source);
        source[0] = 9;
        ByteBuffer view = array.bytes();
        view.get();

        assertThat(array.bytes().get(0)).isEqualTo((byte) 1);
        assertThat(array.bytes().remaining()).isEqualTo(3);
        assertThat(array.bytes().isReadOnly()).isTrue();
        assertThat(array).isEqualTo(Amf3ByteArray.of(new byte[] {1, 2, 3}));
    }

    @Test
    void shouldExposeAmf3NumbersAndStringsLikeAmf0Ones() {
        assertThat(new Amf3Integer(7).asNumber()).isEqualTo(7.0);
        assertThat(new Amf3Double(2.5).asNumber()).isEqualTo(2.5);
        assertThat(new Amf3String("s").asString()).isEqualTo("s");
        assertThat(Amf3Null.INSTANCE.asString()).isNull();
        assertThat(Amf3Null.INSTANCE.asNumber()).isNaN();
    }
}
