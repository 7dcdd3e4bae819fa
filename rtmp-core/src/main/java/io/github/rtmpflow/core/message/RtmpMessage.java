package io.github.rtmpflow.core.message;

/**
 * The content of one RTMP message, one record per message type. Header fields (chunk stream
 * id, timestamp, message stream id) are not part of it: they stay in the
 * {@link io.github.rtmpflow.core.chunk.RawMessage} the content was decoded from or is encoded
 * into, see {@link MessageCodec}.
 *
 * <p>Records that hold bytes keep read-only {@link java.nio.ByteBuffer} views over the payload
 * of the raw message they were decoded from; they stay valid as long as that payload does
 * (payloads are exact-size arrays that are never reused, so: as long as someone holds them).
 */
public sealed interface RtmpMessage
        permits SetChunkSize, Abort, Acknowledgement, WindowAcknowledgementSize, SetPeerBandwidth,
                UserControlMessage, CommandMessage, DataMessage, AudioMessage, VideoMessage,
                AggregateMessage, UnknownMessage {

    /** Returns the RTMP message type id this content travels under (e.g. 20 for AMF0 commands). */
    int typeId();
}
