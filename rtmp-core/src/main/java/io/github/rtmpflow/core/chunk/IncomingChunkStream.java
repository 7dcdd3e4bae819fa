package io.github.rtmpflow.core.chunk;

/**
 * What the decoder remembers about one incoming chunk stream: the last message header
 * (fields that fmt 1-3 chunks inherit) and the partial message being reassembled.
 */
final class IncomingChunkStream {

    final int chunkStreamId;
    final TimestampUnwrapper unwrapper = new TimestampUnwrapper();

    /** 32-bit wire timestamp of the current (or last) message. */
    int timestamp;
    /** Delta a fmt-3 chunk starting a new message re-applies (after fmt 0: its timestamp field). */
    int timestampDelta;
    int messageLength;
    int typeId;
    int messageStreamId;
    /** Whether the last fmt 0-2 header carried an extended timestamp. */
    boolean extended;
    /** The value that extended timestamp carried. */
    int extendedValue;

    /** Payload of the partial message, null between messages. */
    byte[] payload;
    int received;

    IncomingChunkStream(int chunkStreamId) {
        this.chunkStreamId = chunkStreamId;
    }
}
