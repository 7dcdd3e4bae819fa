package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.chunk.MessageTypes;

/**
 * Protocol control message 5: the sender wants an {@link Acknowledgement} after every
 * {@code windowSize} bytes it sends.
 *
 * @param windowSize the window in bytes, as the unsigned 32-bit wire value
 */
public record WindowAcknowledgementSize(long windowSize) implements RtmpMessage {

    /** Validates that the value fits the 32-bit wire field. */
    public WindowAcknowledgementSize {
        ControlValues.requireU32("windowSize", windowSize);
    }

    @Override
    public int typeId() {
        return MessageTypes.WINDOW_ACKNOWLEDGEMENT_SIZE;
    }
}
