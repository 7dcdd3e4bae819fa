package io.github.rtmpflow.core.message;

/**
 * User Control event 7, PingResponse: the answer to a {@link PingRequest}, echoing its timestamp.
 *
 * @param timestamp the timestamp of the request answered, unsigned 32-bit
 */
public record PingResponse(long timestamp) implements UserControlMessage {

    /** Validates that the timestamp fits the 32-bit wire field. */
    public PingResponse {
        ControlValues.requireU32("timestamp", timestamp);
    }

    @Override
    public int eventType() {
        return PING_RESPONSE;
    }
}
