package io.github.rtmpflow.core.amf;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Decodes AMF3 values (markers 0x00..0x11) from a buffer, enforcing the AMF bounds of
 * {@link RtmpLimits} in the same way as {@link Amf0Reader}. Most callers never use this class
 * directly: {@link Amf0Reader} calls the same grammar behind the 0x11 switch.
 *
 * <p>Reference tables: one set of string, object and traits tables per call of {@link #read}
 * or {@link #readAll}. References resolve to the value they point at; a reference to a value
 * still being read (a cycle) is rejected. Externalizable objects (traits flag 0b111) are
 * rejected, since their bytes have a class-specific format.
 *
 * <p>Instances are immutable and thread-safe. The reader never keeps a reference to the buffer
 * it reads from; the values it returns own their data (byte arrays are copied).
 */
public final class Amf3Reader {
    private final RtmpLimits limits;

    /** Creates a reader enforcing {@code limits}. */
    public Amf3Reader(RtmpLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Reads one value starting at {@code in.position()} and advances the position past it.
     * On failure the position is restored to where it was.
     *
     * @param in the bytes to read; borrowed for the duration of the call only
     * @return the value
     * @throws ProtocolException with code {@code BAD_AMF} when the bytes are not valid AMF3
     */
    public Amf3Value read(ByteBuffer in) throws ProtocolException {
        return AmfReads.one(in, new Amf3Parser(new AmfInput(in, limits))::readValue);
    }

    /**
     * Reads values until no bytes remain, sharing one set of reference tables. On failure the
     * position is restored to where it was.
     *
     * @param in the bytes to read; borrowed for the duration of the call only
     * @return the values, in order (a new mutable list)
     * @throws ProtocolException with code {@code BAD_AMF} when the bytes are not valid AMF3
     */
    public List<Amf3Value> readAll(ByteBuffer in) throws ProtocolException {
        return AmfReads.all(in, new Amf3Parser(new AmfInput(in, limits))::readValue);
    }
}
