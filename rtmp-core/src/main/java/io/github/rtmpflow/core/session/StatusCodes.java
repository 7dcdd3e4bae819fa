package io.github.rtmpflow.core.session;

/** The {@code code} strings of onStatus and {@code _result}/{@code _error} info objects. */
public final class StatusCodes {
    /** Level of a successful status. */
    public static final String LEVEL_STATUS = "status";
    /** Level of a refusal; FFmpeg gives up on a publish only on this level. */
    public static final String LEVEL_ERROR = "error";

    /** connect accepted. */
    public static final String CONNECT_SUCCESS = "NetConnection.Connect.Success";
    /** connect refused (sent with {@code _error}). */
    public static final String CONNECT_REJECTED = "NetConnection.Connect.Rejected";
    /** Enhanced RTMP: the server asks the client to reconnect (to the tcUrl given). */
    public static final String CONNECT_RECONNECT_REQUEST = "NetConnection.Connect.ReconnectRequest";
    /** A call to a method the server does not have. */
    public static final String CALL_FAILED = "NetConnection.Call.Failed";
    /** publish accepted; the publisher starts sending media. */
    public static final String PUBLISH_START = "NetStream.Publish.Start";
    /** publish refused: the name is in use or invalid. */
    public static final String PUBLISH_BAD_NAME = "NetStream.Publish.BadName";
    /** publish refused: not authorized (e.g. wrong stream key). */
    public static final String PUBLISH_UNAUTHORIZED = "NetStream.Publish.Unauthorized";
    /** The publish ended. */
    public static final String UNPUBLISH_SUCCESS = "NetStream.Unpublish.Success";
    /** play: the playlist was reset. */
    public static final String PLAY_RESET = "NetStream.Play.Reset";
    /** play accepted; media follows. */
    public static final String PLAY_START = "NetStream.Play.Start";
    /** play refused: no such stream. */
    public static final String PLAY_STREAM_NOT_FOUND = "NetStream.Play.StreamNotFound";
    /** play refused: not authorized. */
    public static final String PLAY_FAILED = "NetStream.Play.Failed";
    /** Playback stopped (the server ends the play). */
    public static final String PLAY_STOP = "NetStream.Play.Stop";
    /** The publisher of a played stream left; the player stays, waiting for the next publish. */
    public static final String PLAY_UNPUBLISH_NOTIFY = "NetStream.Play.UnpublishNotify";
    /** A publisher (re)started the played stream. */
    public static final String PLAY_PUBLISH_NOTIFY = "NetStream.Play.PublishNotify";
    /** The player's pause took effect. */
    public static final String PAUSE_NOTIFY = "NetStream.Pause.Notify";
    /** The player's unpause took effect. */
    public static final String UNPAUSE_NOTIFY = "NetStream.Unpause.Notify";
    /** The player's seek took effect. */
    public static final String SEEK_NOTIFY = "NetStream.Seek.Notify";
    /** Data (metadata) starts on a played stream. */
    public static final String DATA_START = "NetStream.Data.Start";

    private StatusCodes() {
    }
}
