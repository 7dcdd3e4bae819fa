package io.github.rtmpflow.core.message;

/**
 * User Control event 4, StreamIsRecorded: the stream is a recorded one.
 *
 * @param messageStreamId the recorded message stream
 */
public record StreamIsRecorded(int messageStreamId) implements UserControlMessage {

    @Override
    public int eventType() {
        return STREAM_IS_RECORDED;
    }
}
