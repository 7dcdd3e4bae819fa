package io.github.rtmpflow.core.amf;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * Decodes AMF0 values (with AMF3 values behind the avmplus marker 0x11) from a buffer, enforcing
 * the AMF bounds of {@link RtmpLimits}.
 *
 * <p>Reference tables: AMF0 references (marker 0x07) resolve within one call of {@link #read} or
 * {@link #readAll} (one table for all values of a {@code readAll} call, as in one command
 * message). Each 0x11 switch starts fresh AMF3 string, object and traits tables for the one AMF3
 * value that follows. A reference to a value that is still being read (a cycle) is rejected.
 *
 * <p>Every malformed input yields a {@link ProtocolException} with code {@code BAD_AMF}: unknown
 * or reserved markers (movieclip 0x04, recordset 0x0E), data shorter than announced, nesting
 * deeper than {@code maxAmfDepth} (and never deeper than 64, whatever the limits say, because
 * the parser recurses once per level), strings longer than {@code maxAmfStringLength}, more than
 * {@code maxAmfElements} entries in one container, bad reference indexes, and references that
 * together stand for more than {@code maxMessageLength} bytes (references share one instance, but
 * whoever walks the result pays for every path). No length read from the input allocates before
 * it is checked against the bytes actually present.
 *
 * <p>Instances are immutable and thread-safe. The reader never keeps a reference to the buffer
 * it reads from; the values it returns own their data.
 */
public final class Amf0Reader {
    private final RtmpLimits limits;

    /** Creates a reader enforcing {@code limits}. */
    public Amf0Reader(RtmpLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Reads one value starting at {@code in.position()} and advances the position past it.
     * On failure the position is restored to where it was.
     *
     * @param in the bytes to read; borrowed for the duration of the call only
     * @return the value
     * @throws ProtocolException with code {@code BAD_AMF} when the bytes are not valid AMF0
     */
    public AmfValue read(ByteBuffer in) throws ProtocolException {
        return AmfReads.one(in, new Amf0Parser(new AmfInput(in, limits))::readValue);
    }

    /**
     * Reads values until no bytes remain (an empty buffer gives an empty list), sharing one AMF0
     * reference table. On success the buffer is fully consumed; on failure the position is
     * restored to where it was.
     *
     * @param in the bytes to read; borrowed for the duration of the call only
     * @return the values, in order (a new mutable list)
     * @throws ProtocolException with code {@code BAD_AMF} when the bytes are not valid AMF0
     */
    public List<AmfValue> readAll(ByteBuffer in) throws ProtocolException {
        return AmfReads.all(in, new Amf0Parser(new AmfInput(in, limits))::readValue);
    }
}
