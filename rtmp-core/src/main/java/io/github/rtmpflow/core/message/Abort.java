package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.chunk.MessageTypes;

/**
 * Protocol control message 2: discard the partly received message of a chunk stream.
 *
 * @param chunkStreamId the chunk stream whose partial message is dropped
 */
public record Abort(int chunkStreamId) implements RtmpMessage {

    @Override
    public int typeId() {
        return MessageTypes.ABORT;
    }
}
