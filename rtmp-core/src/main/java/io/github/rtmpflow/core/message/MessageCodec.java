package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Turns a {@link RawMessage} into its {@link RtmpMessage} content and back.
 *
 * <p>Decoding never copies media: audio, video, aggregate, unknown and data messages keep
 * read-only views over the raw payload. Malformed content gives a {@link ProtocolException}:
 * {@code BAD_MESSAGE} for a control message of the wrong size or a command without a name,
 * {@code BAD_CHUNK_SIZE} for a Set Chunk Size of 0 or with bit 31 set, {@code BAD_AMF} for
 * malformed AMF; no other exception escapes {@link #decode} for any payload.
 *
 * <p>Header checks (control messages on chunk stream 2 and message stream 0) are left to the
 * session: real clients are not consistent about them and the content is unambiguous anyway.
 */
public final class MessageCodec {

    private MessageCodec() {
    }

    /**
     * Decodes the content of {@code raw}.
     *
     * @param raw the message; its payload is only read (absolute gets and duplicates)
     * @param limits AMF bounds for command and data messages
     * @return the content, one record per type; {@link UnknownMessage} for unassigned types
     * @throws ProtocolException when the payload does not match its type's layout
     */
    public static RtmpMessage decode(RawMessage raw, RtmpLimits limits) throws ProtocolException {
        return decode(raw.typeId(), raw.payload(), limits);
    }

    /**
     * Decodes a payload of message type {@code typeId}.
     *
     * @param typeId the message type id, 0..255
     * @param payload the payload from its position to its limit; not modified, and viewed (not
     *     copied) by the records that hold bytes
     * @param limits AMF bounds for command and data messages
     * @return the content
     * @throws ProtocolException when the payload does not match its type's layout
     */
    public static RtmpMessage decode(int typeId, ByteBuffer payload, RtmpLimits limits) throws ProtocolException {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(limits, "limits");
        switch (typeId) {
            case MessageTypes.SET_CHUNK_SIZE:
            case MessageTypes.ABORT:
            case MessageTypes.ACKNOWLEDGEMENT:
            case MessageTypes.WINDOW_ACKNOWLEDGEMENT_SIZE:
            case MessageTypes.SET_PEER_BANDWIDTH:
                return ControlMessageCodec.decodeProtocolControl(typeId, payload);
            case MessageTypes.USER_CONTROL:
                return ControlMessageCodec.decodeUserControl(payload);
            case MessageTypes.AUDIO:
                return new AudioMessage(payload);
            case MessageTypes.VIDEO:
                return new VideoMessage(payload);
            case MessageTypes.AGGREGATE:
                return new AggregateMessage(payload);
            case MessageTypes.COMMAND_AMF0:
                return CommandCodec.decodeCommand(payload, false, limits);
            case MessageTypes.COMMAND_AMF3:
                return CommandCodec.decodeCommand(payload, true, limits);
            case MessageTypes.DATA_AMF0:
                return CommandCodec.decodeData(payload, false, limits);
            case MessageTypes.DATA_AMF3:
                return CommandCodec.decodeData(payload, true, limits);
            default:
                return new UnknownMessage(typeId, payload);
        }
    }

    /**
     * Encodes {@code m} into a raw message with the given header fields. Media, aggregate,
     * unknown and (type 18) data messages share their buffer with the result (no copy); the
     * others get one new exact-size array.
     *
     * @param m the content
     * @param chunkStreamId the chunk stream to send it on, 2..65599
     * @param timestamp the timestamp in milliseconds, non-negative
     * @param messageStreamId the message stream id (0 for control and connection commands)
     * @return the raw message, ready for the chunk encoder
     */
    public static RawMessage encode(RtmpMessage m, int chunkStreamId, long timestamp, int messageStreamId) {
        return new RawMessage(chunkStreamId, timestamp, m.typeId(), messageStreamId, encodePayload(m));
    }

    /**
     * Returns the payload of {@code m} as a read-only buffer at position 0. For byte-holding
     * records without a format byte to add it is a view of their buffer, otherwise a new array.
     */
    public static ByteBuffer encodePayload(RtmpMessage m) {
        ByteBuffer shared = sharedPayload(m);
        if (shared != null) {
            return shared.slice().asReadOnlyBuffer();
        }
        int length;
        if (m instanceof CommandMessage c) {
            length = CommandCodec.encodedLength(c);
        } else if (m instanceof DataMessage d) {
            length = CommandCodec.encodedLength(d);
        } else {
            length = ControlMessageCodec.encodedLength(m);
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        if (m instanceof CommandMessage c) {
            CommandCodec.write(c, out);
        } else if (m instanceof DataMessage d) {
            CommandCodec.write(d, out);
        } else {
            ControlMessageCodec.write(m, out);
        }
        if (out.hasRemaining()) {
            throw new IllegalStateException("encoded length mismatch: typeId=" + m.typeId()
                    + " expected=" + length + " written=" + out.position());
        }
        return out.flip().asReadOnlyBuffer();
    }

    private static ByteBuffer sharedPayload(RtmpMessage m) {
        if (m instanceof AudioMessage a) {
            return a.payload();
        }
        if (m instanceof VideoMessage v) {
            return v.payload();
        }
        if (m instanceof AggregateMessage a) {
            return a.payload();
        }
        if (m instanceof UnknownMessage u) {
            return u.payload();
        }
        if (m instanceof DataMessage d && !d.amf3()) {
            return d.body();
        }
        return null;
    }
}
