package io.github.rtmpflow.core.session;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.message.Acknowledgement;
import io.github.rtmpflow.core.message.CommandMessage;
import io.github.rtmpflow.core.message.MessageCodec;
import io.github.rtmpflow.core.message.PingRequest;
import io.github.rtmpflow.core.message.PingResponse;
import io.github.rtmpflow.core.message.RtmpMessage;
import io.github.rtmpflow.core.message.SetBufferLength;
import io.github.rtmpflow.core.message.SetChunkSize;
import io.github.rtmpflow.core.message.SetPeerBandwidth;
import io.github.rtmpflow.core.message.StreamBegin;
import io.github.rtmpflow.core.message.StreamEof;
import io.github.rtmpflow.core.message.WindowAcknowledgementSize;
import io.github.rtmpflow.core.session.MessageStreamTable.Slot;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The server side of one RTMP connection after the handshake, without I/O: decoded messages in,
 * messages to send and events for the application out.
 *
 * <p>The caller feeds every message its chunk decoder reassembles to {@link #receive}, then
 * drains {@link #pollOutgoing()} (encoding each message in order; the chunk encoder switches
 * to a new size after writing a {@link SetChunkSize}) and {@link #pollEvent()}. Media takes a short path:
 * {@code receive} returns the {@link PublishRequest} an audio, video, data or aggregate
 * message belongs to, and the caller forwards the raw message to that stream itself; the
 * session allocates nothing for it.
 *
 * <p>Requests (connect, publish, play) are answered by the application whenever it is ready, by
 * calling the accept or reject methods; the session queues the replies PROTOCOL.md lists (nginx-
 * rtmp's answers): control messages on chunk stream 2, NetConnection replies on 3, NetStream
 * status on 5. A rejection is followed by {@link SessionEvent.CloseRequested}: flush, then close.
 * While a play runs, the application tells the player what happens to the stream
 * ({@link #playUnpublished}, {@link #playPublished}) and answers its pause and seek
 * ({@link SessionEvent.PauseRequested}, {@link SessionEvent.SeekRequested}); the media itself it
 * encodes and sends on the play's message stream without the session.
 *
 * <p>What is refused as a protocol error ({@code BAD_COMMAND}, thrown by {@code receive}; the
 * session then stays failed): any command but connect before connect; a second connect; more
 * commands than {@link ServerSessionConfig#maxQueuedCommands()} while the application decides
 * on connect; more than {@link ServerSessionConfig#maxMessageStreams()} open streams; publish or
 * play on a stream that was not created or is busy, or without a name; audio, video or
 * aggregate messages on a stream that is not open. Tolerated: media on an open stream that is not
 * (yet) publishing is dropped and counted; unknown commands get {@code _error} when they carry
 * a transaction id and are ignored otherwise; control messages are handled in any state.
 *
 * <p>Not thread-safe: one thread (the connection's event loop) drives it.
 */
public final class ServerSession {

    /** Where the connection stands. */
    public enum State {
        /** Waiting for connect; control messages only. */
        AWAITING_CONNECT,
        /** connect received, waiting for the application's answer. */
        CONNECT_PENDING,
        /** connect accepted. */
        CONNECTED,
        /** A rejection or error was queued; input is ignored, output is to be flushed. */
        CLOSING,
        /** The transport closed ({@link #transportClosed()}). */
        CLOSED
    }

    private static final double SERVER_CAPABILITIES = 31;
    private static final int DEFAULT_CHUNK_SIZE = 128;

    private final ServerSessionConfig config;
    private final MessageStreamTable streams;
    private final ServerCommandHandler commands;
    private final ArrayDeque<OutgoingMessage> outgoing = new ArrayDeque<>();
    private final ArrayDeque<SessionEvent> events = new ArrayDeque<>();
    private State state = State.AWAITING_CONNECT;
    private ProtocolError error;
    private ConnectRequest connectRequest;
    private double connectTransactionId;
    private long peerWindowAcknowledgementSize;
    private SetPeerBandwidth peerBandwidth;
    private int peerChunkSize = DEFAULT_CHUNK_SIZE;
    private long lastPingResponse = -1;
    private long lastAcknowledgement = -1;
    private long droppedMessages;

    /** Creates a session waiting for connect. */
    public ServerSession(ServerSessionConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.streams = new MessageStreamTable(config.maxMessageStreams());
        this.commands = new ServerCommandHandler(this, streams);
    }

    /**
     * Handles one message from the peer.
     *
     * @param raw a complete message from the chunk decoder; media payloads are not touched
     * @return for audio (8), video (9), data (18, 15) and aggregate (22) messages on a stream whose
     *     publish was accepted: that publish, and the caller forwards {@code raw}; otherwise null
     *     (the session consumed the message, or dropped it)
     * @throws ProtocolException when the message is malformed or not allowed now; the session
     *     is failed from then on (every later call throws the same error): close the connection
     */
    public PublishRequest receive(RawMessage raw) throws ProtocolException {
        if (error != null) {
            throw new ProtocolException(error);
        }
        if (state == State.CLOSING || state == State.CLOSED) {
            return null;
        }
        try {
            switch (raw.typeId()) {
                case MessageTypes.AUDIO:
                case MessageTypes.VIDEO:
                case MessageTypes.AGGREGATE:
                case MessageTypes.DATA_AMF0:
                case MessageTypes.DATA_AMF3:
                    return routeMedia(raw);
                default:
                    handle(MessageCodec.decode(raw, config.limits()), raw.messageStreamId());
                    return null;
            }
        } catch (ProtocolException e) {
            error = e.error();
            throw e;
        }
    }

    private PublishRequest routeMedia(RawMessage raw) throws ProtocolException {
        Slot s = streams.get(raw.messageStreamId());
        if (s != null && s.state == MessageStreamTable.State.PUBLISHING) {
            return s.publish;
        }
        boolean data = raw.typeId() == MessageTypes.DATA_AMF0 || raw.typeId() == MessageTypes.DATA_AMF3;
        if (s == null && !data) {
            throw new ProtocolException(ProtocolError.Code.BAD_COMMAND,
                    "media on a message stream that is not open: typeId=" + raw.typeId()
                            + " messageStreamId=" + raw.messageStreamId());
        }
        // LENIENT: data messages outside a publish, and media before the publish is accepted
        // or after it ended, are dropped rather than fatal.
        droppedMessages++;
        return null;
    }

    private void handle(RtmpMessage m, int messageStreamId) throws ProtocolException {
        if (m instanceof CommandMessage c) {
            commands.onCommand(c, messageStreamId);
        } else if (m instanceof PingRequest p) {
            send(OutgoingMessage.control(new PingResponse(p.timestamp())));
        } else if (m instanceof PingResponse p) {
            lastPingResponse = p.timestamp();
        } else if (m instanceof SetBufferLength b) {
            Slot s = streams.get(b.messageStreamId());
            if (s != null) {
                s.bufferMillis = b.bufferMillis();
            }
        } else if (m instanceof WindowAcknowledgementSize w) {
            peerWindowAcknowledgementSize = w.windowSize();
            events.add(new SessionEvent.WindowAcknowledgementSizeChanged(w.windowSize()));
        } else if (m instanceof SetChunkSize s) {
            // The chunk decoder already applied it; kept for diagnostics.
            peerChunkSize = s.chunkSize();
        } else if (m instanceof Acknowledgement a) {
            lastAcknowledgement = a.sequenceNumber();
        } else if (m instanceof SetPeerBandwidth b) {
            // Recorded only: a server does not limit its output on a client's request.
            peerBandwidth = b;
        }
        // Abort (applied by the chunk decoder), other User Control events and unknown message
        // types need no answer from a server.
    }

    /**
     * Accepts the pending connect: queues Window Acknowledgement Size, Set Peer Bandwidth
     * (dynamic), Set Chunk Size and then the {@code _result}, and handles the commands that
     * waited. When the client announced Enhanced RTMP properties, the reply states what rtmpflow
     * supports ({@link EnhancedRtmp#putServerCapabilities}).
     *
     * @return false when no connect is pending (the session closed meanwhile)
     */
    public boolean acceptConnect() {
        if (state != State.CONNECT_PENDING) {
            return false;
        }
        send(OutgoingMessage.control(new WindowAcknowledgementSize(config.windowAcknowledgementSize())));
        send(OutgoingMessage.control(new SetPeerBandwidth(config.peerBandwidth(), SetPeerBandwidth.LimitType.DYNAMIC)));
        send(OutgoingMessage.control(new SetChunkSize(config.chunkSize())));
        AmfObject.Builder properties = AmfObject.builder()
                .put("fmsVer", config.fmsVer())
                .put("capabilities", SERVER_CAPABILITIES);
        if (connectRequest.enhancedRtmp()) {
            EnhancedRtmp.putServerCapabilities(properties);
        }
        AmfObject info = AmfObject.builder()
                .put("level", StatusCodes.LEVEL_STATUS)
                .put("code", StatusCodes.CONNECT_SUCCESS)
                .put("description", "Connection succeeded.")
                .put("objectEncoding", connectRequest.objectEncoding())
                .build();
        sendCommand(0, Commands.result(connectTransactionId, properties.build(), info));
        state = State.CONNECTED;
        try {
            commands.replayQueued();
        } catch (ProtocolException e) {
            error = e.error();
            close("protocol error in a command sent before connect was accepted: " + e.error());
        }
        return true;
    }

    /**
     * Rejects the pending connect with {@code _error} (NetConnection.Connect.Rejected) and asks
     * for the connection to be closed.
     *
     * @param description human-readable reason sent to the client
     * @return false when no connect is pending
     */
    public boolean rejectConnect(String description) {
        if (state != State.CONNECT_PENDING) {
            return false;
        }
        sendCommand(0, Commands.error(connectTransactionId, StatusCodes.CONNECT_REJECTED, description));
        close("connect rejected");
        return true;
    }

    /**
     * Accepts the pending publish on {@code streamId}: queues StreamBegin and onStatus
     * NetStream.Publish.Start. From now on {@link #receive} returns the request for its media.
     *
     * @return false when no publish is pending on that stream (it ended meanwhile)
     */
    public boolean acceptPublish(int streamId) {
        Slot s = pending(streamId, MessageStreamTable.State.PUBLISH_PENDING);
        if (s == null) {
            return false;
        }
        s.state = MessageStreamTable.State.PUBLISHING;
        send(OutgoingMessage.control(new StreamBegin(streamId)));
        sendStatus(streamId, StatusCodes.LEVEL_STATUS, StatusCodes.PUBLISH_START, "Start publishing");
        return true;
    }

    /**
     * Rejects the pending publish on {@code streamId} with onStatus level "error" and asks for the
     * connection to be closed.
     *
     * @param code e.g. {@link StatusCodes#PUBLISH_BAD_NAME} or {@link StatusCodes#PUBLISH_UNAUTHORIZED}
     * @param description human-readable reason sent to the client
     * @return false when no publish is pending on that stream
     */
    public boolean rejectPublish(int streamId, String code, String description) {
        Slot s = pending(streamId, MessageStreamTable.State.PUBLISH_PENDING);
        if (s == null) {
            return false;
        }
        sendStatus(streamId, StatusCodes.LEVEL_ERROR, code, description);
        s.reset();
        close("publish rejected: code=" + code);
        return true;
    }

    /**
     * Accepts the pending play on {@code streamId}: queues StreamBegin, onStatus
     * NetStream.Play.Reset (when the request asked to reset) and NetStream.Play.Start, the data
     * messages {@code |RtmpSampleAccess(true, true)} and onStatus NetStream.Data.Start. The
     * caller then sends metadata, sequence headers and media on that stream.
     *
     * @return false when no play is pending on that stream
     */
    public boolean acceptPlay(int streamId) {
        Slot s = pending(streamId, MessageStreamTable.State.PLAY_PENDING);
        if (s == null) {
            return false;
        }
        s.state = MessageStreamTable.State.PLAYING;
        send(OutgoingMessage.control(new StreamBegin(streamId)));
        if (s.play.reset()) {
            sendStatus(streamId, StatusCodes.LEVEL_STATUS, StatusCodes.PLAY_RESET, "Playing and resetting " + s.play.name());
        }
        sendStatus(streamId, StatusCodes.LEVEL_STATUS, StatusCodes.PLAY_START, "Started playing " + s.play.name());
        send(new OutgoingMessage(ChunkStreamIds.STREAM_STATUS, 0, streamId, Commands.rtmpSampleAccess(true, true)));
        send(new OutgoingMessage(ChunkStreamIds.STREAM_STATUS, 0, streamId, Commands.dataStart()));
        return true;
    }

    /**
     * Rejects the pending play on {@code streamId} with onStatus level "error" and asks for the
     * connection to be closed.
     *
     * @param code e.g. {@link StatusCodes#PLAY_STREAM_NOT_FOUND}
     * @param description human-readable reason sent to the client
     * @return false when no play is pending on that stream
     */
    public boolean rejectPlay(int streamId, String code, String description) {
        Slot s = pending(streamId, MessageStreamTable.State.PLAY_PENDING);
        if (s == null) {
            return false;
        }
        sendStatus(streamId, StatusCodes.LEVEL_ERROR, code, description);
        s.reset();
        close("play rejected: code=" + code);
        return true;
    }

    /**
     * Tells the player on {@code streamId} that the publisher left while the play goes on:
     * User Control StreamEOF and onStatus NetStream.Play.UnpublishNotify (nginx-rtmp's order).
     * FFmpeg and librtmp players end their playback on it; others wait for
     * {@link #playPublished(int)}.
     *
     * @return false when that stream is not playing
     */
    public boolean playUnpublished(int streamId) {
        Slot s = playingSlot(streamId);
        if (s == null) {
            return false;
        }
        send(OutgoingMessage.control(new StreamEof(streamId)));
        sendStatus(streamId, StatusCodes.LEVEL_STATUS, StatusCodes.PLAY_UNPUBLISH_NOTIFY,
                s.play.name() + " is now unpublished.");
        return true;
    }

    /**
     * Tells the player on {@code streamId} that a publisher (re)started its stream: User Control
     * StreamBegin and onStatus NetStream.Play.PublishNotify. The caller then sends the new
     * session's metadata and sequence headers.
     *
     * @return false when that stream is not playing
     */
    public boolean playPublished(int streamId) {
        Slot s = playingSlot(streamId);
        if (s == null) {
            return false;
        }
        send(OutgoingMessage.control(new StreamBegin(streamId)));
        sendStatus(streamId, StatusCodes.LEVEL_STATUS, StatusCodes.PLAY_PUBLISH_NOTIFY,
                s.play.name() + " is now published.");
        return true;
    }

    /**
     * Answers a {@link SessionEvent.PauseRequested}: on pause StreamEOF and onStatus
     * NetStream.Pause.Notify, on resume StreamBegin and NetStream.Unpause.Notify.
     *
     * @return false when that stream is not playing
     */
    public boolean playPaused(int streamId, boolean paused) {
        Slot s = playingSlot(streamId);
        if (s == null) {
            return false;
        }
        if (paused) {
            send(OutgoingMessage.control(new StreamEof(streamId)));
            sendStatus(streamId, StatusCodes.LEVEL_STATUS, StatusCodes.PAUSE_NOTIFY, "Paused " + s.play.name());
        } else {
            send(OutgoingMessage.control(new StreamBegin(streamId)));
            sendStatus(streamId, StatusCodes.LEVEL_STATUS, StatusCodes.UNPAUSE_NOTIFY, "Unpaused " + s.play.name());
        }
        return true;
    }

    /**
     * Answers a {@link SessionEvent.SeekRequested}: onStatus NetStream.Seek.Notify and
     * NetStream.Play.Start (a live stream can only go on from its live edge, which the
     * description says).
     *
     * @param millis where the player asked to go
     * @return false when that stream is not playing
     */
    public boolean playSeeked(int streamId, double millis) {
        Slot s = playingSlot(streamId);
        if (s == null) {
            return false;
        }
        sendStatus(streamId, StatusCodes.LEVEL_STATUS, StatusCodes.SEEK_NOTIFY,
                "Live stream " + s.play.name() + ": seek to " + (long) millis + " ms goes on from the live edge");
        sendStatus(streamId, StatusCodes.LEVEL_STATUS, StatusCodes.PLAY_START, "Started playing " + s.play.name());
        return true;
    }

    /**
     * Queues an onStatus NetConnection.Connect.ReconnectRequest (Enhanced RTMP) asking the client
     * to reconnect; only clients with {@link ConnectRequest#supportsReconnect()} understand it.
     *
     * @param tcUrl where to reconnect, or null for the same URL
     * @param description human-readable reason
     * @return false when the session is not connected
     */
    public boolean requestReconnect(String tcUrl, String description) {
        if (state != State.CONNECTED) {
            return false;
        }
        AmfObject.Builder info = AmfObject.builder()
                .put("level", StatusCodes.LEVEL_STATUS)
                .put("code", StatusCodes.CONNECT_RECONNECT_REQUEST)
                .put("description", description);
        if (tcUrl != null) {
            info.put("tcUrl", tcUrl);
        }
        sendCommand(0, Commands.onStatus(info.build()));
        return true;
    }

    /** Queues a User Control PingRequest carrying {@code timestamp} (its low 32 bits). */
    public void pingRequest(long timestamp) {
        send(OutgoingMessage.control(new PingRequest(timestamp & 0xFFFF_FFFFL)));
    }

    /** Queues an Acknowledgement of {@code sequenceNumber} received bytes (its low 32 bits). */
    public void acknowledge(long sequenceNumber) {
        send(OutgoingMessage.control(new Acknowledgement(sequenceNumber & 0xFFFF_FFFFL)));
    }

    /**
     * Tells the session the connection is gone: every publish and play ends with an
     * {@link SessionEvent.Unpublished} / {@link SessionEvent.PlayStopped} event, and the session
     * ignores everything from now on. Idempotent.
     */
    public void transportClosed() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        streams.forEach(s -> endStream(s, false));
    }

    /** Returns the next message to send, or null when none is queued. */
    public OutgoingMessage pollOutgoing() {
        return outgoing.poll();
    }

    /** Returns the next event for the application, or null when none is queued. */
    public SessionEvent pollEvent() {
        return events.poll();
    }

    /** Returns where the connection stands. */
    public State state() {
        return state;
    }

    /** Returns the protocol error that failed the session, or null. */
    public ProtocolError error() {
        return error;
    }

    /** Returns the connect request (null before connect). */
    public ConnectRequest connectRequest() {
        return connectRequest;
    }

    /** Returns the accepted publish on {@code streamId}, or null when that stream is not publishing. */
    public PublishRequest publishing(int streamId) {
        Slot s = streams.get(streamId);
        return s != null && s.state == MessageStreamTable.State.PUBLISHING ? s.publish : null;
    }

    /** Returns the accepted play on {@code streamId}, or null when that stream is not playing. */
    public PlayRequest playing(int streamId) {
        Slot s = streams.get(streamId);
        return s != null && s.state == MessageStreamTable.State.PLAYING ? s.play : null;
    }

    /** Returns the number of open message streams. */
    public int openStreams() {
        return streams.openCount();
    }

    /** Returns the Window Acknowledgement Size the peer set; 0 until it sets one. */
    public long peerWindowAcknowledgementSize() {
        return peerWindowAcknowledgementSize;
    }

    /** Returns the last Set Peer Bandwidth the peer sent, or null. */
    public SetPeerBandwidth peerBandwidth() {
        return peerBandwidth;
    }

    /** Returns the chunk size the peer announced last (128 until it announces one). */
    public int peerChunkSize() {
        return peerChunkSize;
    }

    /** Returns the timestamp of the last PingResponse from the peer, if any. */
    public OptionalLong lastPingResponse() {
        return lastPingResponse < 0 ? OptionalLong.empty() : OptionalLong.of(lastPingResponse);
    }

    /** Returns the sequence number of the last Acknowledgement from the peer, if any. */
    public OptionalLong lastAcknowledgement() {
        return lastAcknowledgement < 0 ? OptionalLong.empty() : OptionalLong.of(lastAcknowledgement);
    }

    /** Returns how many media and data messages were dropped (not on an accepted publish). */
    public long droppedMessages() {
        return droppedMessages;
    }

    /** Returns the configuration. */
    public ServerSessionConfig config() {
        return config;
    }

    // ---- used by ServerCommandHandler ----

    State stateInternal() {
        return state;
    }

    void connectReceived(ConnectRequest request, double transactionId) {
        connectRequest = request;
        connectTransactionId = transactionId;
        state = State.CONNECT_PENDING;
        events.add(new SessionEvent.ConnectRequested(request));
    }

    void event(SessionEvent e) {
        events.add(e);
    }

    void send(OutgoingMessage m) {
        outgoing.add(m);
    }

    void sendCommand(int messageStreamId, RtmpMessage m) {
        send(new OutgoingMessage(ChunkStreamIds.COMMAND, 0, messageStreamId, m));
    }

    void sendStatus(int streamId, String level, String code, String description) {
        send(new OutgoingMessage(ChunkStreamIds.STREAM_STATUS, 0, streamId, Commands.onStatus(level, code, description)));
    }

    /** Ends whatever {@code s} does, with the matching event; Unpublish.Success when asked and it was live. */
    void endStream(Slot s, boolean sendUnpublishStatus) {
        switch (s.state) {
            case PUBLISHING:
                if (sendUnpublishStatus) {
                    sendStatus(s.id, StatusCodes.LEVEL_STATUS, StatusCodes.UNPUBLISH_SUCCESS, "Stop publishing");
                }
                events.add(new SessionEvent.Unpublished(s.publish, true));
                break;
            case PUBLISH_PENDING:
                events.add(new SessionEvent.Unpublished(s.publish, false));
                break;
            case PLAYING:
                events.add(new SessionEvent.PlayStopped(s.play, true));
                break;
            case PLAY_PENDING:
                events.add(new SessionEvent.PlayStopped(s.play, false));
                break;
            default:
                break;
        }
        s.reset();
    }

    private Slot playingSlot(int streamId) {
        return pending(streamId, MessageStreamTable.State.PLAYING);
    }

    private Slot pending(int streamId, MessageStreamTable.State wanted) {
        if (state != State.CONNECTED) {
            return null;
        }
        Slot s = streams.get(streamId);
        return s != null && s.state == wanted ? s : null;
    }

    private void close(String reason) {
        state = State.CLOSING;
        events.add(new SessionEvent.CloseRequested(reason));
    }
}
