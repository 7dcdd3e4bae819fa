package io.github.rtmpflow.core.amf;

import java.util.Objects;

/** AMF3 E4X XML (marker 0x0B). */
public record Amf3Xml(String xml) implements Amf3Value {
    /** Requires the text. */
    public Amf3Xml {
        Objects.requireNonNull(xml, "xml");
    }
}
