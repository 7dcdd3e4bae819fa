package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.chunk.MessageTypes;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Message type 8: one audio frame (an FLV audio tag body: legacy or Enhanced RTMP header, then
 * the codec data).
 *
 * @param payload the whole message payload, a read-only view over the raw message's payload
 *     (not a copy); it shares that payload's lifetime
 */
public record AudioMessage(ByteBuffer payload) implements RtmpMessage {

    /** Keeps a read-only view of {@code payload}. */
    public AudioMessage {
        payload = Objects.requireNonNull(payload, "payload").asReadOnlyBuffer();
    }

    @Override
    public int typeId() {
        return MessageTypes.AUDIO;
    }
}
