package io.github.rtmpflow.core.amf;

import java.util.Objects;

/** AMF3 legacy XML document (marker 0x07, flash.xml.XMLDocument). */
public record Amf3XmlDocument(String xml) implements Amf3Value {
    /** Requires the text. */
    public Amf3XmlDocument {
        Objects.requireNonNull(xml, "xml");
    }
}
