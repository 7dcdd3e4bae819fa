package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.chunk.MessageTypes;

/**
 * Protocol control message 4, User Control: an event type (u16) and its data. One record per
 * event type of RTMP 1.0 section 6.2 (StreamBegin 0 ... PingResponse 7), and
 * {@link UnknownUserControl} for any other event.
 */
public sealed interface UserControlMessage extends RtmpMessage
        permits StreamBegin, StreamEof, StreamDry, SetBufferLength, StreamIsRecorded, PingRequest,
                PingResponse, UnknownUserControl {

    /** Event type 0. */
    int STREAM_BEGIN = 0;
    /** Event type 1. */
    int STREAM_EOF = 1;
    /** Event type 2. */
    int STREAM_DRY = 2;
    /** Event type 3. */
    int SET_BUFFER_LENGTH = 3;
    /** Event type 4. */
    int STREAM_IS_RECORDED = 4;
    /** Event type 6. */
    int PING_REQUEST = 6;
    /** Event type 7. */
    int PING_RESPONSE = 7;

    /** Returns the 16-bit event type. */
    int eventType();

    @Override
    default int typeId() {
        return MessageTypes.USER_CONTROL;
    }
}
