package io.github.rtmpflow.core.message;

/**
 * User Control event 3: a player tells the server how many milliseconds it buffers.
 *
 * @param messageStreamId the stream the buffer belongs to
 * @param bufferMillis the buffer length in milliseconds, unsigned 32-bit
 */
public record SetBufferLength(int messageStreamId, long bufferMillis) implements UserControlMessage {

    /** Validates that the length fits the 32-bit wire field. */
    public SetBufferLength {
        ControlValues.requireU32("bufferMillis", bufferMillis);
    }

    @Override
    public int eventType() {
        return SET_BUFFER_LENGTH;
    }
}
