package io.github.rtmpflow.core.amf;

/**
 * One AMF value. AMF0 markers map to one record each; AMF0 references are resolved by the
 * reader into the value they point at; AMF3 values appear as {@link Amf3Value} behind the
 * AMF0 avmplus marker 0x11.
 */
public sealed interface AmfValue
        permits AmfNumber, AmfBoolean, AmfString, AmfObject, AmfNull, AmfUndefined, AmfEcmaArray,
                AmfStrictArray, AmfDate, AmfXmlDocument, AmfTypedObject, AmfUnsupported, Amf3Value {

    /** Returns the string if this is an {@link AmfString}, otherwise {@code null}. */
    default String asString() {
        return this instanceof AmfString s ? s.value() : null;
    }

    /** Returns the number if this is an {@link AmfNumber}, otherwise {@code NaN}. */
    default double asNumber() {
        return this instanceof AmfNumber n ? n.value() : Double.NaN;
    }
}
