package io.github.rtmpflow.core.amf;

import java.util.Objects;

/** AMF0 XML document (marker 0x0F): a long string holding XML text. */
public record AmfXmlDocument(String xml) implements AmfValue {
    /** Requires the text. */
    public AmfXmlDocument {
        Objects.requireNonNull(xml, "xml");
    }
}
