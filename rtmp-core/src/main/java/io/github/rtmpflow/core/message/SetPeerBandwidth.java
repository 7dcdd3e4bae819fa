package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.chunk.MessageTypes;
import java.util.Objects;

/**
 * Protocol control message 6: limits the receiver's output bandwidth; the receiver answers
 * with a {@link WindowAcknowledgementSize} when the window differs from the last one it sent.
 *
 * @param windowSize the window in bytes, as the unsigned 32-bit wire value
 * @param limitType how to apply it
 */
public record SetPeerBandwidth(long windowSize, LimitType limitType) implements RtmpMessage {

    /** The limit type byte: how the receiver applies the new window. */
    public enum LimitType {
        /** 0: limit output to the window. */
        HARD,
        /** 1: limit to the window or the limit already in effect, whichever is smaller. */
        SOFT,
        /** 2: hard if the previous limit was hard, otherwise ignore the message. */
        DYNAMIC;

        /** Returns the wire value (0, 1 or 2). */
        public int wireValue() {
            return ordinal();
        }
    }

    /** Validates the window and requires a limit type. */
    public SetPeerBandwidth {
        ControlValues.requireU32("windowSize", windowSize);
        Objects.requireNonNull(limitType, "limitType");
    }

    @Override
    public int typeId() {
        return MessageTypes.SET_PEER_BANDWIDTH;
    }
}
