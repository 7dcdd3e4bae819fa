package io.github.rtmpflow.core.message;

/**
 * User Control event 2, StreamDry: the stream has no more data for now (not over).
 *
 * @param messageStreamId the message stream that ran dry
 */
public record StreamDry(int messageStreamId) implements UserControlMessage {

    @Override
    public int eventType() {
        return STREAM_DRY;
    }
}
