package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.chunk.MessageTypes;

/**
 * Protocol control message 3: the number of bytes the sender has received so far.
 *
 * @param sequenceNumber bytes received, as the unsigned 32-bit wire value (0..0xFFFFFFFF)
 */
public record Acknowledgement(long sequenceNumber) implements RtmpMessage {

    /** Validates that the value fits the 32-bit wire field. */
    public Acknowledgement {
        ControlValues.requireU32("sequenceNumber", sequenceNumber);
    }

    @Override
    public int typeId() {
        return MessageTypes.ACKNOWLEDGEMENT;
    }
}
