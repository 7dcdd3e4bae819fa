package io.github.rtmpflow.core.message;

/**
 * User Control event 0, StreamBegin: the stream became functional (sent before a publish or play starts).
 *
 * @param messageStreamId the message stream that began
 */
public record StreamBegin(int messageStreamId) implements UserControlMessage {

    @Override
    public int eventType() {
        return STREAM_BEGIN;
    }
}
