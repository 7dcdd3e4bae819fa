package io.github.rtmpflow.core.message;

/**
 * User Control event 1, StreamEOF: playback of the stream is over (no more data).
 *
 * @param messageStreamId the message stream that ended
 */
public record StreamEof(int messageStreamId) implements UserControlMessage {

    @Override
    public int eventType() {
        return STREAM_EOF;
    }
}
