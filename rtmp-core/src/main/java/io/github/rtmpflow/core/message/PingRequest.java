package io.github.rtmpflow.core.message;

/**
 * User Control event 6, PingRequest: asks the peer to answer with a {@link PingResponse} echoing the timestamp.
 *
 * @param timestamp the sender's timestamp, unsigned 32-bit
 */
public record PingRequest(long timestamp) implements UserControlMessage {

    /** Validates that the timestamp fits the 32-bit wire field. */
    public PingRequest {
        ControlValues.requireU32("timestamp", timestamp);
    }

    @Override
    public int eventType() {
        return PING_REQUEST;
    }
}
