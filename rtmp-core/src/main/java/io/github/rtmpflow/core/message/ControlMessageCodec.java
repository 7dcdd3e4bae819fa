package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.chunk.MessageTypes;
import java.nio.ByteBuffer;

/**
 * Protocol control messages (types 1, 2, 3, 5, 6) and User Control events (type 4): fixed
 * big-endian layouts, RTMP 1.0 sections 5.4 and 6.2.
 *
 * <p>Wire layouts (after the message header):
 * <pre>
 *  1 Set Chunk Size        | 0 | chunk size (31 bits)            |  4 bytes
 *  2 Abort                 | chunk stream id u32                 |  4 bytes
 *  3 Acknowledgement       | sequence number u32                 |  4 bytes
 *  5 Window Ack Size       | window size u32                     |  4 bytes
 *  6 Set Peer Bandwidth    | window size u32 | limit type u8     |  5 bytes
 *  4 User Control          | event type u16 | event data ...     |  2 + n bytes
 *      0,1,2,4 stream events: stream id u32                        n = 4
 *      3 SetBufferLength:     stream id u32 | buffer ms u32        n = 8
 *      6,7 PingRequest/Response: timestamp u32                     n = 4
 * </pre>
 * Protocol control payloads of any other length are malformed ({@code BAD_MESSAGE}); User
 * Control events need at least their data length (more is tolerated).
 */
final class ControlMessageCodec {
    private static final int U32_LENGTH = 4;
    private static final int PEER_BANDWIDTH_LENGTH = 5;
    private static final int EVENT_TYPE_LENGTH = 2;
    private static final int BUFFER_LENGTH_DATA_LENGTH = 8;

    private ControlMessageCodec() {
    }

    /** Decodes a type 1, 2, 3, 5 or 6 payload; reads with absolute gets, leaving {@code p} as is. */
    static RtmpMessage decodeProtocolControl(int typeId, ByteBuffer p) throws ProtocolException {
        if (typeId == MessageTypes.SET_PEER_BANDWIDTH) {
            requireLength(typeId, p, PEER_BANDWIDTH_LENGTH);
            int limit = p.get(p.position() + U32_LENGTH) & 0xFF;
            SetPeerBandwidth.LimitType[] types = SetPeerBandwidth.LimitType.values();
            if (limit >= types.length) {
                throw new ProtocolException(ProtocolError.Code.BAD_MESSAGE,
                        "bad Set Peer Bandwidth limit type: limitType=" + limit);
            }
            return new SetPeerBandwidth(u32(p, 0), types[limit]);
        }
        requireLength(typeId, p, U32_LENGTH);
        long value = u32(p, 0);
        switch (typeId) {
            case MessageTypes.SET_CHUNK_SIZE:
                // SPEC: 5.4.1: bit 31 must be zero; the size must be at least 1.
                if (value == 0 || value > Integer.MAX_VALUE) {
                    throw new ProtocolException(ProtocolError.Code.BAD_CHUNK_SIZE,
                            "Set Chunk Size out of range: chunkSize=" + value);
                }
                return new SetChunkSize((int) value);
            case MessageTypes.ABORT:
                return new Abort((int) value);
            case MessageTypes.ACKNOWLEDGEMENT:
                return new Acknowledgement(value);
            case MessageTypes.WINDOW_ACKNOWLEDGEMENT_SIZE:
                return new WindowAcknowledgementSize(value);
            default:
                throw new IllegalArgumentException("not a protocol control type: typeId=" + typeId);
        }
    }

    /** Decodes a User Control (type 4) payload. */
    static UserControlMessage decodeUserControl(ByteBuffer p) throws ProtocolException {
        if (p.remaining() < EVENT_TYPE_LENGTH) {
            throw new ProtocolException(ProtocolError.Code.BAD_MESSAGE,
                    "User Control message too short: length=" + p.remaining());
        }
        int eventType = p.getShort(p.position()) & 0xFFFF;
        int dataLength = p.remaining() - EVENT_TYPE_LENGTH;
        switch (eventType) {
            case UserControlMessage.STREAM_BEGIN:
            case UserControlMessage.STREAM_EOF:
            case UserControlMessage.STREAM_DRY:
            case UserControlMessage.STREAM_IS_RECORDED:
            case UserControlMessage.PING_REQUEST:
            case UserControlMessage.PING_RESPONSE:
                requireEventLength(eventType, dataLength, U32_LENGTH);
                return fourByteEvent(eventType, u32(p, EVENT_TYPE_LENGTH));
            case UserControlMessage.SET_BUFFER_LENGTH:
                requireEventLength(eventType, dataLength, BUFFER_LENGTH_DATA_LENGTH);
                return new SetBufferLength((int) u32(p, EVENT_TYPE_LENGTH), u32(p, EVENT_TYPE_LENGTH + U32_LENGTH));
            default:
                ByteBuffer data = p.duplicate();
                data.position(p.position() + EVENT_TYPE_LENGTH);
                return new UnknownUserControl(eventType, data.slice());
        }
    }

    private static UserControlMessage fourByteEvent(int eventType, long value) {
        switch (eventType) {
            case UserControlMessage.STREAM_BEGIN:
                return new StreamBegin((int) value);
            case UserControlMessage.STREAM_EOF:
                return new StreamEof((int) value);
            case UserControlMessage.STREAM_DRY:
                return new StreamDry((int) value);
            case UserControlMessage.STREAM_IS_RECORDED:
                return new StreamIsRecorded((int) value);
            case UserControlMessage.PING_REQUEST:
                return new PingRequest(value);
            default:
                return new PingResponse(value);
        }
    }

    /** Returns the exact payload length of a control or user control message. */
    static int encodedLength(RtmpMessage m) {
        if (m instanceof SetPeerBandwidth) {
            return PEER_BANDWIDTH_LENGTH;
        }
        if (m instanceof SetBufferLength) {
            return EVENT_TYPE_LENGTH + BUFFER_LENGTH_DATA_LENGTH;
        }
        if (m instanceof UnknownUserControl u) {
            return EVENT_TYPE_LENGTH + u.data().remaining();
        }
        if (m instanceof UserControlMessage) {
            return EVENT_TYPE_LENGTH + U32_LENGTH;
        }
        return U32_LENGTH;
    }

    /** Writes the payload of a control or user control message into {@code out}. */
    static void write(RtmpMessage m, ByteBuffer out) {
        if (m instanceof UserControlMessage u) {
            out.putShort((short) u.eventType());
            writeEventData(u, out);
        } else if (m instanceof SetChunkSize s) {
            out.putInt(s.chunkSize());
        } else if (m instanceof Abort a) {
            out.putInt(a.chunkStreamId());
        } else if (m instanceof Acknowledgement a) {
            out.putInt((int) a.sequenceNumber());
        } else if (m instanceof WindowAcknowledgementSize w) {
            out.putInt((int) w.windowSize());
        } else if (m instanceof SetPeerBandwidth b) {
            out.putInt((int) b.windowSize());
            out.put((byte) b.limitType().wireValue());
        } else {
            throw new IllegalArgumentException("not a control message: type=" + m.getClass().getSimpleName());
        }
    }

    private static void writeEventData(UserControlMessage u, ByteBuffer out) {
        if (u instanceof StreamBegin e) {
            out.putInt(e.messageStreamId());
        } else if (u instanceof StreamEof e) {
            out.putInt(e.messageStreamId());
        } else if (u instanceof StreamDry e) {
            out.putInt(e.messageStreamId());
        } else if (u instanceof StreamIsRecorded e) {
            out.putInt(e.messageStreamId());
        } else if (u instanceof SetBufferLength e) {
            out.putInt(e.messageStreamId());
            out.putInt((int) e.bufferMillis());
        } else if (u instanceof PingRequest e) {
            out.putInt((int) e.timestamp());
        } else if (u instanceof PingResponse e) {
            out.putInt((int) e.timestamp());
        } else if (u instanceof UnknownUserControl e) {
            out.put(e.data().duplicate());
        }
    }

    private static long u32(ByteBuffer p, int offset) {
        return p.getInt(p.position() + offset) & 0xFFFF_FFFFL;
    }

    private static void requireLength(int typeId, ByteBuffer p, int length) throws ProtocolException {
        // SPEC: 5.4: control message payloads have fixed sizes; anything else is malformed.
        if (p.remaining() != length) {
            throw new ProtocolException(ProtocolError.Code.BAD_MESSAGE,
                    "bad control message length: typeId=" + typeId + " length=" + p.remaining() + " expected=" + length);
        }
    }

    private static void requireEventLength(int eventType, int dataLength, int expected) throws ProtocolException {
        // LENIENT: trailing bytes after a known event's data are ignored, as nginx-rtmp and SRS
        // do; too few bytes are malformed.
        if (dataLength < expected) {
            throw new ProtocolException(ProtocolError.Code.BAD_MESSAGE, "bad User Control event length: eventType="
                    + eventType + " length=" + dataLength + " expected=" + expected);
        }
    }
}
