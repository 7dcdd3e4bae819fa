package io.github.rtmpflow.core.amf;

import io.github.rtmpflow.core.ProtocolException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The read-one / read-all loop shared by {@link Amf0Reader} and {@link Amf3Reader}: both restore
 * the buffer's position when the input is not valid, so a caller can report or skip the value.
 */
final class AmfReads {

    /** One top-level value read by a parser that keeps its reference tables between calls. */
    @FunctionalInterface
    interface ValueParser<V> {
        V readValue(int depth) throws ProtocolException;
    }

    private AmfReads() {
    }

    /** Reads one value from {@code in} with {@code parser}; on failure restores the position. */
    static <V> V one(ByteBuffer in, ValueParser<V> parser) throws ProtocolException {
        int start = in.position();
        try {
            return parser.readValue(0);
        } catch (ProtocolException e) {
            in.position(start);
            throw e;
        }
    }

    /**
     * Reads values until {@code in} is empty with one parser (so references span values); on
     * failure restores the position.
     */
    static <V> List<V> all(ByteBuffer in, ValueParser<V> parser) throws ProtocolException {
        int start = in.position();
        try {
            List<V> values = new ArrayList<>();
            while (in.hasRemaining()) {
                values.add(parser.readValue(0));
            }
            return values;
        } catch (ProtocolException e) {
            in.position(start);
            throw e;
        }
    }
}
