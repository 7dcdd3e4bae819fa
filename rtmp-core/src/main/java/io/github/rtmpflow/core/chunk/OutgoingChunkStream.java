package io.github.rtmpflow.core.chunk;

/** What the encoder remembers about one outgoing chunk stream: the last header it wrote. */
final class OutgoingChunkStream {

    /** 64-bit timestamp of the last message. */
    long timestamp;
    /** Delta of the last fmt 1/2 header; meaningful only when {@link #deltaKnown}. */
    int timestampDelta;
    /**
     * False after a fmt-0 header: decoders disagree on what a following fmt-3 new message
     * means there (the spec and FFmpeg re-apply the timestamp field, nginx-rtmp uses 0), so
     * the encoder writes fmt 2 at least once before it relies on fmt 3.
     */
    boolean deltaKnown;
    int messageLength;
    int typeId;
    int messageStreamId;
    /** Whether the last fmt 0-2 header carried an extended timestamp, and its value. */
    boolean extended;
    int extendedValue;
}
