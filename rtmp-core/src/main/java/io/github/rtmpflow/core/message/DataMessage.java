package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.amf.AmfValue;
import io.github.rtmpflow.core.chunk.MessageTypes;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;

/**
 * A data message (type 18, AMF0; or type 15 with one leading format byte 0): a handler name and
 * values, e.g. {@code @setDataFrame("onMetaData", {...})}.
 *
 * <p>The message keeps both the decoded {@link #values()} and the original AMF0 {@link #body()}
 * bytes. The body is what goes on the wire when the message is encoded (no re-encoding, so a
 * relayed or recorded script tag is byte-identical to what the publisher sent);
 * {@link #withoutSetDataFrame()} yields the FLV script tag body (onMetaData and its values)
 * as a slice of the same bytes. Whoever builds a DataMessage directly must keep the two in
 * agreement; {@link #of(AmfValue...)} does.
 *
 * @param values the decoded values, unmodifiable
 * @param amf3 true for message type 15, false for 18
 * @param body the AMF0 bytes of {@code values} (for type 15: after the format byte), a
 *     read-only view over the raw message's payload (no copy)
 */
public record DataMessage(List<AmfValue> values, boolean amf3, ByteBuffer body) implements RtmpMessage {

    /** The handler name publishers put before onMetaData: the server stores what follows. */
    public static final String SET_DATA_FRAME = "@setDataFrame";

    private static final int AMF0_STRING_MARKER = 0x02;
    private static final int AMF0_LONG_STRING_MARKER = 0x0C;

    /** Copies the values and keeps a read-only view of {@code body}. */
    public DataMessage {
        values = List.copyOf(values);
        body = Objects.requireNonNull(body, "body").asReadOnlyBuffer();
    }

    /** Returns an AMF0 (type 18) data message whose body is the AMF0 encoding of {@code values}. */
    public static DataMessage of(AmfValue... values) {
        return new DataMessage(List.of(values), false, ByteBuffer.wrap(CommandCodec.encodeValues(values)));
    }

    @Override
    public int typeId() {
        return amf3 ? MessageTypes.DATA_AMF3 : MessageTypes.DATA_AMF0;
    }

    /** Returns the first value if it is a string (the handler name, e.g. "onMetaData"), else null. */
    public String handlerName() {
        return values.isEmpty() ? null : values.get(0).asString();
    }

    /** Returns whether the first value is the string {@value #SET_DATA_FRAME}. */
    public boolean isSetDataFrame() {
        return SET_DATA_FRAME.equals(handlerName());
    }

    /**
     * Returns this message without a leading {@value #SET_DATA_FRAME}: the values after it and
     * a slice of the body that starts after its encoding (no copy). This is the body of the
     * FLV script tag for the metadata. Returns {@code this} when there is no such prefix.
     */
    public DataMessage withoutSetDataFrame() {
        if (!isSetDataFrame()) {
            return this;
        }
        int skip = leadingStringLength(body);
        // The prefix is 13 ASCII bytes, so its encoding is 16 (string) or 18 (long string) bytes.
        if (skip != 3 + SET_DATA_FRAME.length() && skip != 5 + SET_DATA_FRAME.length()
                || skip > body.remaining()) {
            // The values were not decoded from this body (built by hand): re-encode instead.
            AmfValue[] rest = values.subList(1, values.size()).toArray(new AmfValue[0]);
            return new DataMessage(List.of(rest), amf3, ByteBuffer.wrap(CommandCodec.encodeValues(rest)));
        }
        ByteBuffer rest = body.duplicate();
        rest.position(rest.position() + skip);
        return new DataMessage(values.subList(1, values.size()), amf3, rest.slice());
    }

    /** Returns the encoded length of the AMF0 string at the body's start, or -1 if none. */
    private static int leadingStringLength(ByteBuffer body) {
        int p = body.position();
        if (body.remaining() >= 3 && (body.get(p) & 0xFF) == AMF0_STRING_MARKER) {
            return 3 + (body.getShort(p + 1) & 0xFFFF);
        }
        if (body.remaining() >= 5 && (body.get(p) & 0xFF) == AMF0_LONG_STRING_MARKER) {
            long len = body.getInt(p + 1) & 0xFFFF_FFFFL;
            return len > Integer.MAX_VALUE - 5 ? -1 : 5 + (int) len;
        }
        return -1;
    }
}
