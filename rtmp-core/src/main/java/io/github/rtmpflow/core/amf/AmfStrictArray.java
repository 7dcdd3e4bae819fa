package io.github.rtmpflow.core.amf;

import java.util.List;

/**
 * AMF0 strict array (marker 0x0A).
 *
 * @param items an unmodifiable list
 */
public record AmfStrictArray(List<AmfValue> items) implements AmfValue {
    /** Copies the items. */
    public AmfStrictArray {
        items = List.copyOf(items);
    }
}
