package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.chunk.MessageTypes;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Message type 22: FLV tags back to back (tag header, body, PreviousTagSize). Unpack it with
 * {@link AggregateUnpacker}, which needs the raw message's header for the timestamps.
 *
 * @param payload the whole message payload, a read-only view over the raw message's payload
 *     (not a copy); it shares that payload's lifetime
 */
public record AggregateMessage(ByteBuffer payload) implements RtmpMessage {

    /** Keeps a read-only view of {@code payload}. */
    public AggregateMessage {
        payload = Objects.requireNonNull(payload, "payload").asReadOnlyBuffer();
    }

    @Override
    public int typeId() {
        return MessageTypes.AGGREGATE;
    }
}
