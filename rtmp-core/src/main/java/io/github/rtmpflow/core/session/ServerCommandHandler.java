package io.github.rtmpflow.core.session;

import io.github.rtmpflow.core.ProtocolError;
import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.amf.Amf3Boolean;
import io.github.rtmpflow.core.amf.AmfBoolean;
import io.github.rtmpflow.core.amf.AmfEcmaArray;
import io.github.rtmpflow.core.amf.AmfNull;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfUndefined;
import io.github.rtmpflow.core.amf.AmfValue;
import io.github.rtmpflow.core.message.CommandMessage;
import io.github.rtmpflow.core.session.MessageStreamTable.Slot;
import java.util.ArrayDeque;

/**
 * The commands a {@link ServerSession} understands, what it answers and which events they
 * raise. Facts from nginx-rtmp's ngx_rtmp_cmd_module.c and the captures in fixtures/README.md.
 */
final class ServerCommandHandler {
    private static final double DEFAULT_PLAY_START = -2;
    private static final double DEFAULT_PLAY_DURATION = -1;
    private static final String DEFAULT_PUBLISH_TYPE = "live";

    /** A command that arrived while the application decides on connect. */
    private record Queued(CommandMessage command, int messageStreamId) {
    }

    private final ServerSession session;
    private final MessageStreamTable streams;
    private final ArrayDeque<Queued> queued = new ArrayDeque<>();

    ServerCommandHandler(ServerSession session, MessageStreamTable streams) {
        this.session = session;
        this.streams = streams;
    }

    void onCommand(CommandMessage c, int messageStreamId) throws ProtocolException {
        switch (session.stateInternal()) {
            case AWAITING_CONNECT:
                if (!Commands.CONNECT.equals(c.name())) {
                    throw bad("command before connect: name=" + c.name());
                }
                onConnect(c);
                return;
            case CONNECT_PENDING:
                if (Commands.CONNECT.equals(c.name())) {
                    throw bad("duplicate connect");
                }
                // Handled once the application accepts the connect, in arrival order.
                if (queued.size() >= session.config().maxQueuedCommands()) {
                    throw bad("too many commands while connect is pending: name=" + c.name()
                            + " maxQueuedCommands=" + session.config().maxQueuedCommands());
                }
                queued.add(new Queued(c, messageStreamId));
                return;
            case CONNECTED:
                dispatch(c, messageStreamId);
                return;
            default:
                // Closing or closed: nothing more is answered.
        }
    }

    /** Handles the commands that waited for the connect answer; stops if the session closes. */
    void replayQueued() throws ProtocolException {
        while (!queued.isEmpty() && session.stateInternal() == ServerSession.State.CONNECTED) {
            Queued q = queued.poll();
            dispatch(q.command(), q.messageStreamId());
        }
        queued.clear();
    }

    private void onConnect(CommandMessage c) throws ProtocolException {
        AmfObject object;
        if (c.commandObject() instanceof AmfObject o) {
            object = o;
        } else if (c.commandObject() instanceof AmfEcmaArray a) {
            // LENIENT: some encoders write the connect properties as an ECMA array.
            object = new AmfObject(a.entries());
        } else {
            throw bad("connect without a command object");
        }
        session.connectReceived(ConnectRequest.from(object, c.arguments()), c.transactionId());
    }

    private void dispatch(CommandMessage c, int messageStreamId) throws ProtocolException {
        switch (c.name()) {
            case Commands.CONNECT:
                throw bad("duplicate connect");
            case Commands.CREATE_STREAM:
                onCreateStream(c);
                break;
            case Commands.PUBLISH:
                onPublish(c, messageStreamId);
                break;
            case Commands.PLAY:
                onPlay(c, messageStreamId);
                break;
            case Commands.FC_PUBLISH:
                String name = c.stringArgument(0);
                session.sendCommand(0, Commands.onFcPublish(name == null ? "" : StreamNames.withoutQuery(name)));
                answerIfAsked(c, messageStreamId);
                break;
            case Commands.FC_UNPUBLISH:
                onFcUnpublish(c);
                answerIfAsked(c, messageStreamId);
                break;
            case Commands.DELETE_STREAM:
                // SPEC: 7.2.2.3: the server sends no reply to deleteStream.
                onDeleteStream(c);
                break;
            case Commands.CLOSE_STREAM:
                Slot s = streams.get(messageStreamId);
                if (s != null) {
                    session.endStream(s, true);
                }
                break;
            case Commands.GET_STREAM_LENGTH:
                if (c.transactionId() != 0) {
                    session.sendCommand(messageStreamId, Commands.result(c.transactionId(), AmfNull.INSTANCE,
                            new AmfNumber(0)));
                }
                break;
            case Commands.RESULT:
            case Commands.ERROR:
            case Commands.ON_STATUS:
                // Answers to calls the server never makes, or notifications: nothing to do.
                break;
            default:
                onOtherCommand(c, messageStreamId);
        }
    }

    private void onOtherCommand(CommandMessage c, int messageStreamId) {
        switch (c.name()) {
            case Commands.RELEASE_STREAM:
            case Commands.CHECK_BW:
            case Commands.CHECK_BW_INTERNAL:
            case Commands.PAUSE:
            case Commands.SEEK:
                if (onPlayControl(c, messageStreamId)) {
                    break;
                }
                answerIfAsked(c, messageStreamId);
                break;
            case "FCSubscribe":
            case "FCUnsubscribe":
            case "receiveAudio":
            case "receiveVideo":
                // Harmless commands rtmpflow has nothing to do for; answered so a client that
                // waits is not left hanging.
                answerIfAsked(c, messageStreamId);
                break;
            default:
                // LENIENT: never fatal. A client that waits for an answer learns the method does
                // not exist, the way Flash Media Server answers.
                if (c.transactionId() != 0) {
                    session.sendCommand(messageStreamId, Commands.error(c.transactionId(), StatusCodes.CALL_FAILED,
                            "Method not found (" + c.name() + ")."));
                }
        }
    }

    /**
     * pause(tid, null, pause, millis) and seek(tid, null, millis) on a playing stream become
     * events; the application answers with onStatus (SPEC: 7.2.2.7, 7.2.2.8: no _result).
     *
     * @return false when the stream is not playing (the command is then only acknowledged)
     */
    private boolean onPlayControl(CommandMessage c, int messageStreamId) {
        Slot s = streams.get(messageStreamId);
        if (s == null || s.state != MessageStreamTable.State.PLAYING) {
            return false;
        }
        if (Commands.SEEK.equals(c.name())) {
            double millis = c.numberArgument(0);
            session.event(new SessionEvent.SeekRequested(s.play, Double.isNaN(millis) ? 0 : millis));
            return true;
        }
        AmfValue flag = c.argument(0);
        // LENIENT: a missing or non-boolean flag counts as pause, a number as "non-zero pauses".
        boolean pause = flag == null || reset(flag);
        double millis = c.numberArgument(1);
        session.event(new SessionEvent.PauseRequested(s.play, pause, Double.isNaN(millis) ? 0 : millis));
        return true;
    }

    /** SPEC: 7.1.1: transaction id 0 means the sender expects no answer. */
    private void answerIfAsked(CommandMessage c, int messageStreamId) {
        if (c.transactionId() != 0) {
            session.sendCommand(messageStreamId, Commands.result(c.transactionId(), AmfNull.INSTANCE,
                    AmfUndefined.INSTANCE));
        }
    }

    private void onCreateStream(CommandMessage c) throws ProtocolException {
        Slot s = streams.create();
        if (s == null) {
            throw bad("too many message streams: maxMessageStreams=" + session.config().maxMessageStreams());
        }
        // Replied even to transaction 0: the client cannot go on without the stream id.
        session.sendCommand(0, Commands.result(c.transactionId(), AmfNull.INSTANCE, new AmfNumber(s.id)));
    }

    private void onPublish(CommandMessage c, int messageStreamId) throws ProtocolException {
        Slot s = idleStream(c, messageStreamId);
        String fullName = c.stringArgument(0);
        if (fullName == null) {
            throw bad("publish without a name: messageStreamId=" + messageStreamId);
        }
        String type = c.stringArgument(1);
        s.publish = new PublishRequest(s.id, StreamNames.withoutQuery(fullName), StreamNames.query(fullName),
                type == null ? DEFAULT_PUBLISH_TYPE : type);
        s.lastName = s.publish.name();
        s.state = MessageStreamTable.State.PUBLISH_PENDING;
        session.event(new SessionEvent.PublishRequested(s.publish));
    }

    private void onPlay(CommandMessage c, int messageStreamId) throws ProtocolException {
        Slot s = idleStream(c, messageStreamId);
        String fullName = c.stringArgument(0);
        if (fullName == null) {
            throw bad("play without a name: messageStreamId=" + messageStreamId);
        }
        double start = c.numberArgument(1);
        double duration = c.numberArgument(2);
        s.play = new PlayRequest(s.id, StreamNames.withoutQuery(fullName), StreamNames.query(fullName),
                Double.isNaN(start) ? DEFAULT_PLAY_START : start,
                Double.isNaN(duration) ? DEFAULT_PLAY_DURATION : duration, reset(c.argument(3)));
        s.lastName = s.play.name();
        s.state = MessageStreamTable.State.PLAY_PENDING;
        session.event(new SessionEvent.PlayRequested(s.play));
    }

    /** The reset flag: a boolean, or a number (older players: non-zero = reset); default true. */
    private static boolean reset(AmfValue v) {
        if (v instanceof AmfBoolean b) {
            return b.value();
        }
        if (v instanceof Amf3Boolean b) {
            return b.value();
        }
        return v == null || Double.isNaN(v.asNumber()) || v.asNumber() != 0;
    }

    private Slot idleStream(CommandMessage c, int messageStreamId) throws ProtocolException {
        Slot s = streams.get(messageStreamId);
        if (s == null) {
            throw bad(c.name() + " on a message stream that is not open: messageStreamId=" + messageStreamId);
        }
        if (s.state != MessageStreamTable.State.IDLE) {
            throw bad(c.name() + " on a busy message stream: messageStreamId=" + messageStreamId
                    + " state=" + s.state);
        }
        return s;
    }

    private void onFcUnpublish(CommandMessage c) {
        String name = c.stringArgument(0);
        if (name == null) {
            return;
        }
        Slot s = streams.findByName(StreamNames.withoutQuery(name));
        if (s != null && s.publish != null && s.publish.name().equals(StreamNames.withoutQuery(name))) {
            session.endStream(s, true);
        }
    }

    private void onDeleteStream(CommandMessage c) {
        AmfValue arg = c.argument(0);
        Slot s = null;
        if (arg != null && !Double.isNaN(arg.asNumber())) {
            s = streams.get((int) arg.asNumber());
        } else if (arg != null && arg.asString() != null) {
            // LENIENT: GStreamer rtmp2sink sends the stream name instead of the stream id.
            s = streams.findByName(StreamNames.withoutQuery(arg.asString()));
        }
        if (s != null) {
            session.endStream(s, true);
            streams.delete(s.id);
        }
    }

    private static ProtocolException bad(String detail) {
        return new ProtocolException(ProtocolError.Code.BAD_COMMAND, detail);
    }
}
