package io.github.rtmpflow.core.chunk;

/** RTMP message type ids (RTMP 1.0 spec sections 5.4, 6.2, 7.1). */
public final class MessageTypes {

    /** Set Chunk Size: u32, bit 31 zero; applied by the chunk layer itself. */
    public static final int SET_CHUNK_SIZE = 1;
    /** Abort Message: u32 chunk stream id whose partial message is dropped. */
    public static final int ABORT = 2;
    /** Acknowledgement: u32 sequence number (bytes received so far, mod 2^32). */
    public static final int ACKNOWLEDGEMENT = 3;
    /** User Control Message: u16 event type + event data. */
    public static final int USER_CONTROL = 4;
    /** Window Acknowledgement Size: u32. */
    public static final int WINDOW_ACKNOWLEDGEMENT_SIZE = 5;
    /** Set Peer Bandwidth: u32 window size + u8 limit type. */
    public static final int SET_PEER_BANDWIDTH = 6;
    /** Audio data (an FLV audio tag body). */
    public static final int AUDIO = 8;
    /** Video data (an FLV video tag body). */
    public static final int VIDEO = 9;
    /** Data message in AMF3 (one format byte, then AMF0). */
    public static final int DATA_AMF3 = 15;
    /** Shared object message in AMF3. */
    public static final int SHARED_OBJECT_AMF3 = 16;
    /** Command message in AMF3 (one format byte, then AMF0). */
    public static final int COMMAND_AMF3 = 17;
    /** Data message in AMF0 (e.g. {@code @setDataFrame onMetaData}). */
    public static final int DATA_AMF0 = 18;
    /** Shared object message in AMF0. */
    public static final int SHARED_OBJECT_AMF0 = 19;
    /** Command message in AMF0 (connect, publish, ...). */
    public static final int COMMAND_AMF0 = 20;
    /** Aggregate message: FLV tags back to back. */
    public static final int AGGREGATE = 22;

    private MessageTypes() {
    }
}
