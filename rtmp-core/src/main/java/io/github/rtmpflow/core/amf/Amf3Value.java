package io.github.rtmpflow.core.amf;

/**
 * An AMF3 value, found in AMF0 data behind the avmplus marker 0x11 (or read directly with
 * {@link Amf3Reader}). One record or enum per AMF3 marker 0x00..0x11; AMF3 references are
 * resolved by the reader into the value they point at, so a value never holds a reference.
 */
public sealed interface Amf3Value extends AmfValue
        permits Amf3Undefined, Amf3Null, Amf3Boolean, Amf3Integer, Amf3Double, Amf3String,
                Amf3XmlDocument, Amf3Date, Amf3Array, Amf3Object, Amf3Xml, Amf3ByteArray,
                Amf3VectorInt, Amf3VectorUint, Amf3VectorDouble, Amf3VectorObject, Amf3Dictionary {
}
