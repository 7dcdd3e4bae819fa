package io.github.rtmpflow.core.message;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A message of a type rtmpflow does not interpret (shared objects 16/19, or any unassigned
 * type), kept as is so a caller can ignore or forward it.
 *
 * @param typeId the message type id, 0..255
 * @param payload the whole message payload, a read-only view over the raw message's payload
 */
public record UnknownMessage(int typeId, ByteBuffer payload) implements RtmpMessage {

    /** Validates the type range and keeps a read-only view of {@code payload}. */
    public UnknownMessage {
        if (typeId < 0 || typeId > 0xFF) {
            throw new IllegalArgumentException("typeId out of range: typeId=" + typeId);
        }
        payload = Objects.requireNonNull(payload, "payload").asReadOnlyBuffer();
    }
}
