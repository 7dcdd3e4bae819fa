package io.github.rtmpflow.core.message;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A User Control event rtmpflow does not interpret (e.g. 0x1A SWF verification), kept as is.
 *
 * @param eventType the 16-bit event type
 * @param data the event data after the type, a read-only view over the message payload
 */
public record UnknownUserControl(int eventType, ByteBuffer data) implements UserControlMessage {

    /** Validates the type range and keeps a read-only view of {@code data}. */
    public UnknownUserControl {
        if (eventType < 0 || eventType > 0xFFFF) {
            throw new IllegalArgumentException("eventType out of range: eventType=" + eventType);
        }
        data = Objects.requireNonNull(data, "data").asReadOnlyBuffer();
    }
}
