package io.github.rtmpflow.core.session;

import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.message.MessageCodec;
import io.github.rtmpflow.core.message.RtmpMessage;
import io.github.rtmpflow.core.message.SetChunkSize;
import java.util.Objects;

/**
 * A message a session wants sent, with the header fields it goes under. The caller encodes it
 * ({@link #toRawMessage()}) and hands it to its chunk encoder, in order.
 *
 * <p>When {@link #message()} is a {@link SetChunkSize}, the outgoing chunk size changes right
 * after this message, before the next one; the chunk package's {@code ChunkEncoder} does that
 * by itself when it writes the message, another encoder must be switched by the caller.
 *
 * @param chunkStreamId the chunk stream to send it on, see {@link ChunkStreamIds}
 * @param timestamp the timestamp in milliseconds (0 for control and commands)
 * @param messageStreamId the message stream (0 for control and NetConnection commands)
 * @param message the content
 */
public record OutgoingMessage(int chunkStreamId, long timestamp, int messageStreamId, RtmpMessage message) {

    /** Requires a message. */
    public OutgoingMessage {
        Objects.requireNonNull(message, "message");
    }

    /** Returns a protocol control message or User Control event: chunk stream 2, message stream 0. */
    static OutgoingMessage control(RtmpMessage message) {
        return new OutgoingMessage(ChunkStreamIds.PROTOCOL_CONTROL, 0, 0, message);
    }

    /** Encodes the message; see {@link MessageCodec#encode}. */
    public RawMessage toRawMessage() {
        return MessageCodec.encode(message, chunkStreamId, timestamp, messageStreamId);
    }
}
