package io.github.rtmpflow.core.message;

import io.github.rtmpflow.core.chunk.MessageTypes;

/**
 * Protocol control message 1: the sender's chunk size for every chunk it sends from now on.
 *
 * @param chunkSize the new maximum chunk payload size in bytes, 1..0x7FFFFFFF
 */
public record SetChunkSize(int chunkSize) implements RtmpMessage {

    /** Validates the size; a size of 0 or with bit 31 set is caller misuse. */
    public SetChunkSize {
        if (chunkSize <= 0) {
            throw new IllegalArgumentException("chunkSize out of range: chunkSize=" + chunkSize);
        }
    }

    @Override
    public int typeId() {
        return MessageTypes.SET_CHUNK_SIZE;
    }
}
