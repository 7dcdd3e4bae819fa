package io.github.rtmpflow.core.session;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfValue;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.message.Acknowledgement;
import io.github.rtmpflow.core.message.CommandMessage;
import io.github.rtmpflow.core.message.MessageCodec;
import io.github.rtmpflow.core.message.PingRequest;
import io.github.rtmpflow.core.message.PingResponse;
import io.github.rtmpflow.core.message.RtmpMessage;
import io.github.rtmpflow.core.message.SetChunkSize;
import io.github.rtmpflow.core.message.WindowAcknowledgementSize;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The client side of one RTMP connection after the handshake, without I/O, for rtmpflow's own
 * client, tests and load generator. It speaks like FFmpeg: connect (transaction 1), then per
 * publish releaseStream, FCPublish and createStream in one go, then publish on the new stream;
 * per play createStream, then play.
 *
 * <p>Drive it like {@link ServerSession}: feed {@link #receive} every message from the chunk
 * decoder, drain {@link #pollOutgoing()} and {@link #pollEvent()}. {@link #publish} and
 * {@link #play} may be called before the connect answer: they start once connected.
 *
 * <p>Not thread-safe.
 */
public final class ClientSession {

    /** Where the connection stands. */
    public enum State {
        /** connect not sent yet. */
        IDLE,
        /** connect sent, no answer yet. */
        CONNECTING,
        /** connect accepted. */
        CONNECTED,
        /** connect refused. */
        REJECTED
    }

    /** Flash-style version string sent in connect, in the form encoders use. */
    public static final String FLASH_VER = "FMLE/3.0 (compatible; rtmpflow)";

    /** A publish or play the caller asked for. */
    private record Intent(boolean publish, String name, String type, double start) {
    }

    /** A command waiting for its {@code _result}/{@code _error}. */
    private record Pending(String command, Intent intent) {
    }

    private final RtmpLimits limits;
    private final ArrayDeque<OutgoingMessage> outgoing = new ArrayDeque<>();
    private final ArrayDeque<ClientEvent> events = new ArrayDeque<>();
    private final Map<Double, Pending> pending = new HashMap<>();
    private final Map<Integer, Intent> streams = new HashMap<>();
    private final List<Intent> waitingForConnect = new ArrayList<>();
    private State state = State.IDLE;
    private double nextTransactionId = 1;

    /** Creates a session decoding commands within {@code limits}. */
    public ClientSession(RtmpLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /** Sends connect with {@code {app, type: "nonprivate", flashVer, tcUrl}}. */
    public void connect(String app, String tcUrl) {
        connect(AmfObject.builder().put("app", app).put("type", "nonprivate").put("flashVer", FLASH_VER)
                .put("tcUrl", tcUrl).build());
    }

    /**
     * Sends connect with the given command object (e.g. with Enhanced RTMP {@code fourCcList}).
     *
     * @throws IllegalStateException when connect was already sent
     */
    public void connect(AmfObject commandObject) {
        if (state != State.IDLE) {
            throw new IllegalStateException("connect already sent: state=" + state);
        }
        state = State.CONNECTING;
        sendCommand(0, ChunkStreamIds.COMMAND, Commands.connect(transaction(Commands.CONNECT, null), commandObject));
    }

    /** Announces a new outgoing chunk size; the caller switches its encoder after sending it. */
    public void setChunkSize(int chunkSize) {
        send(OutgoingMessage.control(new SetChunkSize(chunkSize)));
    }

    /** Publishes {@code name} (may carry {@code ?query}) as a live stream. */
    public void publish(String name) {
        publish(name, "live");
    }

    /** Publishes {@code name} with publish type "live", "record" or "append". */
    public void publish(String name, String type) {
        start(new Intent(true, Objects.requireNonNull(name, "name"), Objects.requireNonNull(type, "type"), 0));
    }

    /** Plays {@code name}, live or recorded (start -2). */
    public void play(String name) {
        start(new Intent(false, Objects.requireNonNull(name, "name"), null, -2));
    }

    /** Ends the publish on {@code streamId} as FFmpeg does: FCUnpublish, then deleteStream. */
    public void unpublish(int streamId) {
        Intent i = streams.remove(streamId);
        if (i != null && i.publish()) {
            sendCommand(0, ChunkStreamIds.COMMAND, Commands.fcUnpublish(nextTransactionId++, i.name()));
        }
        sendCommand(0, ChunkStreamIds.COMMAND, Commands.deleteStream(nextTransactionId++, streamId));
    }

    /** Queues an Acknowledgement of {@code sequenceNumber} received bytes (low 32 bits). */
    public void acknowledge(long sequenceNumber) {
        send(OutgoingMessage.control(new Acknowledgement(sequenceNumber & 0xFFFF_FFFFL)));
    }

    /**
     * Handles one message from the server.
     *
     * @return true for audio, video, data and aggregate messages on a stream being played: the
     *     caller consumes {@code raw}; false when the session consumed or ignored the message
     * @throws ProtocolException when a command or control message is malformed
     */
    public boolean receive(RawMessage raw) throws ProtocolException {
        switch (raw.typeId()) {
            case MessageTypes.AUDIO:
            case MessageTypes.VIDEO:
            case MessageTypes.AGGREGATE:
            case MessageTypes.DATA_AMF0:
            case MessageTypes.DATA_AMF3:
                Intent i = streams.get(raw.messageStreamId());
                return i != null && !i.publish();
            default:
                break;
        }
        RtmpMessage m = MessageCodec.decode(raw, limits);
        if (m instanceof CommandMessage c) {
            onCommand(c, raw.messageStreamId());
        } else if (m instanceof PingRequest p) {
            send(OutgoingMessage.control(new PingResponse(p.timestamp())));
        } else if (m instanceof WindowAcknowledgementSize w) {
            events.add(new ClientEvent.WindowAcknowledgementSizeChanged(w.windowSize()));
        }
        return false;
    }

    /** Returns the next message to send, or null. */
    public OutgoingMessage pollOutgoing() {
        return outgoing.poll();
    }

    /** Returns the next event, or null. */
    public ClientEvent pollEvent() {
        return events.poll();
    }

    /** Returns where the connection stands. */
    public State state() {
        return state;
    }

    private void start(Intent intent) {
        if (state == State.CONNECTED) {
            createStreamFor(intent);
        } else {
            waitingForConnect.add(intent);
        }
    }

    private void createStreamFor(Intent intent) {
        if (intent.publish()) {
            sendCommand(0, ChunkStreamIds.COMMAND, Commands.releaseStream(transaction(Commands.RELEASE_STREAM, null),
                    intent.name()));
            sendCommand(0, ChunkStreamIds.COMMAND, Commands.fcPublish(transaction(Commands.FC_PUBLISH, null),
                    intent.name()));
        }
        sendCommand(0, ChunkStreamIds.COMMAND, Commands.createStream(transaction(Commands.CREATE_STREAM, intent)));
    }

    private void onCommand(CommandMessage c, int messageStreamId) {
        switch (c.name()) {
            case Commands.RESULT:
                onResult(c, pending.remove(c.transactionId()));
                break;
            case Commands.ERROR:
                onError(c, pending.remove(c.transactionId()));
                break;
            case Commands.ON_STATUS:
                onStatus(c, messageStreamId);
                break;
            default:
                // onFCPublish, onBWDone and the like need nothing.
        }
    }

    private void onResult(CommandMessage c, Pending p) {
        if (p == null) {
            return;
        }
        if (Commands.CONNECT.equals(p.command())) {
            state = State.CONNECTED;
            events.add(new ClientEvent.Connected(objectOrEmpty(c.commandObject()), objectOrEmpty(c.argument(0))));
            for (Intent i : waitingForConnect) {
                createStreamFor(i);
            }
            waitingForConnect.clear();
        } else if (Commands.CREATE_STREAM.equals(p.command())) {
            int streamId = (int) c.numberArgument(0);
            Intent i = p.intent();
            streams.put(streamId, i);
            CommandMessage command = i.publish()
                    ? Commands.publish(nextTransactionId++, i.name(), i.type())
                    : Commands.play(nextTransactionId++, i.name(), i.start());
            sendCommand(streamId, ChunkStreamIds.STREAM_COMMAND, command);
        }
    }

    private void onError(CommandMessage c, Pending p) {
        if (p == null || Commands.RELEASE_STREAM.equals(p.command()) || Commands.FC_PUBLISH.equals(p.command())) {
            // FFmpeg too treats refusals of the FMLE extras as warnings.
            return;
        }
        if (Commands.CONNECT.equals(p.command())) {
            state = State.REJECTED;
        }
        AmfObject info = objectOrEmpty(c.argument(0));
        events.add(new ClientEvent.Rejected(p.command(), orEmpty(info.getString("code")),
                orEmpty(info.getString("description"))));
    }

    private void onStatus(CommandMessage c, int messageStreamId) {
        AmfObject info = objectOrEmpty(c.argument(0));
        String code = orEmpty(info.getString("code"));
        Intent i = streams.get(messageStreamId);
        if (i != null && StatusCodes.LEVEL_ERROR.equals(info.getString("level"))) {
            streams.remove(messageStreamId);
            events.add(new ClientEvent.Rejected(i.publish() ? Commands.PUBLISH : Commands.PLAY, code,
                    orEmpty(info.getString("description"))));
        } else if (i != null && i.publish() && StatusCodes.PUBLISH_START.equals(code)) {
            events.add(new ClientEvent.PublishStarted(messageStreamId, i.name()));
        } else if (i != null && !i.publish() && StatusCodes.PLAY_START.equals(code)) {
            events.add(new ClientEvent.PlayStarted(messageStreamId, i.name()));
        } else {
            events.add(new ClientEvent.Status(messageStreamId, info));
        }
    }

    private double transaction(String command, Intent intent) {
        double tid = nextTransactionId++;
        pending.put(tid, new Pending(command, intent));
        return tid;
    }

    private void sendCommand(int messageStreamId, int chunkStreamId, CommandMessage c) {
        send(new OutgoingMessage(chunkStreamId, 0, messageStreamId, c));
    }

    private void send(OutgoingMessage m) {
        outgoing.add(m);
    }

    private static AmfObject objectOrEmpty(AmfValue v) {
        return v instanceof AmfObject o ? o : AmfObject.builder().build();
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
