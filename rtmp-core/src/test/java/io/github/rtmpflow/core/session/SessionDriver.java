package io.github.rtmpflow.core.session;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfValue;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.message.CommandMessage;
import io.github.rtmpflow.core.message.DataMessage;
import io.github.rtmpflow.core.message.MessageCodec;
import io.github.rtmpflow.core.message.RtmpMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Test helper around a {@link ServerSession}: feeds messages, collects what comes out and, when
 * auto-accepting, answers every request at once the way a permissive application would.
 */
final class SessionDriver {
    final ServerSession session;
    final List<OutgoingMessage> outgoing = new ArrayList<>();
    final List<SessionEvent> events = new ArrayList<>();
    boolean autoAccept = true;
    int routed;

    SessionDriver() {
        this(ServerSessionConfig.DEFAULTS);
    }

    SessionDriver(ServerSessionConfig config) {
        session = new ServerSession(config);
    }

    /** Feeds one message; returns what receive returned. */
    PublishRequest receive(RawMessage raw) throws ProtocolException {
        PublishRequest route = session.receive(raw);
        if (route != null) {
            routed++;
        }
        drain();
        return route;
    }

    /** Feeds an AMF0 command from the client on chunk stream 3. */
    PublishRequest command(int messageStreamId, String name, double transactionId, AmfValue commandObject,
            AmfValue... arguments) throws ProtocolException {
        return receive(MessageCodec.encode(CommandMessage.of(name, transactionId, commandObject, arguments),
                3, 0, messageStreamId));
    }

    /** Feeds any message content from the client on chunk stream 4. */
    PublishRequest message(int messageStreamId, RtmpMessage m) throws ProtocolException {
        return receive(MessageCodec.encode(m, 4, 0, messageStreamId));
    }

    /** Collects queued output and events, answering requests when auto-accepting. */
    void drain() {
        for (SessionEvent e = session.pollEvent(); e != null; e = session.pollEvent()) {
            events.add(e);
            if (!autoAccept) {
                continue;
            }
            if (e instanceof SessionEvent.ConnectRequested) {
                session.acceptConnect();
            } else if (e instanceof SessionEvent.PublishRequested p) {
                session.acceptPublish(p.request().streamId());
            } else if (e instanceof SessionEvent.PlayRequested p) {
                session.acceptPlay(p.request().streamId());
            }
        }
        for (OutgoingMessage m = session.pollOutgoing(); m != null; m = session.pollOutgoing()) {
            outgoing.add(m);
        }
    }

    /** Returns the collected output as one line per message and clears it. */
    List<String> takeOutgoing() {
        List<String> lines = outgoing.stream().map(SessionDriver::describe).collect(Collectors.toList());
        outgoing.clear();
        return lines;
    }

    /** Returns the collected events and clears them. */
    List<SessionEvent> takeEvents() {
        List<SessionEvent> copy = new ArrayList<>(events);
        events.clear();
        return copy;
    }

    /** "csid/msid content": commands as name(tid) plus the info code or the first number argument. */
    static String describe(OutgoingMessage m) {
        String prefix = m.chunkStreamId() + "/" + m.messageStreamId() + " ";
        RtmpMessage content = m.message();
        if (content instanceof CommandMessage c) {
            String detail = "";
            for (AmfValue a : c.arguments()) {
                if (a instanceof AmfObject o && o.getString("code") != null) {
                    detail = " " + o.getString("level") + " " + o.getString("code");
                } else if (a instanceof AmfNumber n) {
                    detail = " " + n.value();
                }
            }
            return prefix + c.name() + "(" + (long) c.transactionId() + ")" + detail;
        }
        if (content instanceof DataMessage d) {
            return prefix + "data " + d.values();
        }
        return prefix + content;
    }
}
