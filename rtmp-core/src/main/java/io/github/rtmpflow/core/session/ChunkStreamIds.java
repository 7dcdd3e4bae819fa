package io.github.rtmpflow.core.session;

/**
 * The chunk stream ids the sessions send on, as nginx-rtmp does: protocol control on 2,
 * NetConnection command replies on 3, NetStream status and data on 5, media on 6 and 7.
 * Clients send NetStream commands on 8, as FFmpeg does.
 */
public final class ChunkStreamIds {
    /** SPEC: 5.4: protocol control messages and User Control events travel on chunk stream 2. */
    public static final int PROTOCOL_CONTROL = 2;
    /** Commands and replies on the NetConnection (message stream 0). */
    public static final int COMMAND = 3;
    /** onStatus, {@code |RtmpSampleAccess} and metadata on a NetStream (nginx-rtmp's CSID_AMF). */
    public static final int STREAM_STATUS = 5;
    /** Audio sent to a player. */
    public static final int AUDIO = 6;
    /** Video sent to a player. */
    public static final int VIDEO = 7;
    /** NetStream commands a client sends (publish, play, closeStream). */
    public static final int STREAM_COMMAND = 8;

    private ChunkStreamIds() {
    }
}
