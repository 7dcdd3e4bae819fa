package io.github.rtmpflow.server.testing;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.amf.AmfNull;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.chunk.ChunkDecoder;
import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.message.CommandMessage;
import io.github.rtmpflow.core.message.DataMessage;
import io.github.rtmpflow.core.message.MessageCodec;
import io.github.rtmpflow.core.message.RtmpMessage;
import io.github.rtmpflow.core.session.Commands;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.TagType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/**
 * A hand-driven RTMP player for playback tests: FFmpeg's captured handshake, then connect,
 * createStream and play as the test says; records every message the server sends with its
 * chunk stream, message stream and timestamp. It can hold off reading (with a small socket
 * receive buffer) to act as a player that does not keep up.
 */
public final class RawPlayer implements AutoCloseable {

    /** One message from the server. */
    public record Received(RawMessage raw, RtmpMessage message) {
        /** Returns the onStatus code of a command, or null. */
        public String statusCode() {
            if (message instanceof CommandMessage c && c.name().equals(Commands.ON_STATUS)) {
                for (var a : c.arguments()) {
                    if (a instanceof AmfObject o && o.getString("code") != null) {
                        return o.getString("code");
                    }
                }
            }
            return null;
        }

        /** Returns a short description: status code, data name, user control event or message type. */
        public String describe() {
            String code = statusCode();
            if (code != null) {
                return code;
            }
            if (message instanceof DataMessage d && !d.values().isEmpty() && d.values().get(0) instanceof AmfString s) {
                return "data " + s.value();
            }
            if (raw.typeId() == MessageTypes.AUDIO || raw.typeId() == MessageTypes.VIDEO) {
                return raw.typeId() == MessageTypes.AUDIO ? "audio" : "video";
            }
            return message.getClass().getSimpleName();
        }
    }

    private final Socket socket;
    private final ChunkEncoder encoder = new ChunkEncoder();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch reading = new CountDownLatch(1);
    private volatile boolean serverClosed;
    private double transactionId = 1;

    private RawPlayer(Socket socket) {
        this.socket = socket;
    }

    /** Connects to {@code port}, completes the handshake and starts reading. */
    public static RawPlayer open(int port) throws IOException {
        RawPlayer player = open(port, 0);
        player.resumeReading();
        return player;
    }

    /**
     * Connects with a socket receive buffer of {@code receiveBufferBytes} (0: the default) and
     * completes the handshake; reads nothing more until {@link #resumeReading()}.
     */
    public static RawPlayer open(int port, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        RawPlayer player = new RawPlayer(socket);
        byte[] handshake = Arrays.copyOf(CaptureReplay.fixture("ffmpeg_publish_c2s.bin"), 3073);
        socket.getOutputStream().write(handshake);
        byte[] s0s1s2 = socket.getInputStream().readNBytes(3073);
        if (s0s1s2.length != 3073) {
            throw new IOException("server closed during the handshake");
        }
        Thread reader = new Thread(player::read, "raw-player-reader");
        reader.setDaemon(true);
        reader.start();
        return player;
    }

    /** Lets the reader thread read (once). */
    public void resumeReading() {
        reading.countDown();
    }

    /** Sends connect for {@code app} and, when reading, waits for its _result. */
    public void connect(String app, boolean await) throws IOException {
        AmfObject object = AmfObject.builder().put("app", app).put("flashVer", "LNX 9,0,124,2")
                .put("tcUrl", "rtmp://127.0.0.1/" + app).put("fpad", false).put("capabilities", 15.0)
                .put("audioCodecs", 4071.0).put("videoCodecs", 252.0).put("videoFunction", 1.0).build();
        send(Commands.connect(transactionId++, object), 3, 0);
        if (await) {
            await("connect _result", r -> r.message() instanceof CommandMessage c && c.name().equals("_result")
                    && c.transactionId() == 1);
        }
    }

    /** Sends createStream and waits for its _result; returns the stream id. */
    public int createStream() throws IOException {
        double tid = transactionId++;
        send(Commands.createStream(tid), 3, 0);
        Received r = await("createStream _result", m -> m.message() instanceof CommandMessage c
                && c.name().equals("_result") && c.transactionId() == tid);
        return (int) ((CommandMessage) r.message()).arguments().get(0).asNumber();
    }

    /** connect, createStream, play {@code name}; returns the stream id (waits for nothing after play). */
    public int play(String app, String name) throws IOException {
        connect(app, true);
        int streamId = createStream();
        send(Commands.play(0, name, -2), 8, streamId);
        return streamId;
    }

    /** Encodes and sends {@code message} on {@code chunkStreamId}, message stream {@code messageStreamId}. */
    public synchronized void send(RtmpMessage message, int chunkStreamId, int messageStreamId) throws IOException {
        ByteBuffer out = encoder.encode(MessageCodec.encode(message, chunkStreamId, 0, messageStreamId));
        socket.getOutputStream().write(out.array(), out.arrayOffset() + out.position(), out.remaining());
    }

    /** Returns every message received so far. */
    public List<Received> received() {
        return received;
    }

    /** Returns the descriptions of the messages received on message stream {@code streamId} (and control). */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Received r : received) {
            lines.add(r.describe());
        }
        return lines;
    }

    /** Returns the onStatus codes received, in order. */
    public List<String> statusCodes() {
        List<String> codes = new ArrayList<>();
        for (Received r : received) {
            if (r.statusCode() != null) {
                codes.add(r.statusCode());
            }
        }
        return codes;
    }

    /** Returns the audio and video tags received, with the timestamps they arrived with. */
    public List<FlvTag> media() {
        List<FlvTag> tags = new ArrayList<>();
        for (Received r : received) {
            int type = r.raw().typeId();
            if (type == MessageTypes.AUDIO || type == MessageTypes.VIDEO) {
                tags.add(FlvTag.of(type == MessageTypes.AUDIO ? TagType.AUDIO : TagType.VIDEO, r.raw().timestamp(),
                        r.raw().payload()));
            }
        }
        return tags;
    }

    /** Waits for a received message matching {@code what}. */
    public Received await(String description, Predicate<Received> what) {
        Received[] found = new Received[1];
        Poll.until(description, () -> {
            for (Received m : received) {
                if (what.test(m)) {
                    found[0] = m;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Waits for the onStatus {@code code}. */
    public Received awaitStatus(String code) {
        return await(code, r -> code.equals(r.statusCode()));
    }

    /** Returns whether the server closed the connection (seen only while reading). */
    public boolean serverClosed() {
        return serverClosed;
    }

    /** Returns the local port, which the server's log lines show as the peer's. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Returns a null command object, for sending commands. */
    public static AmfNull none() {
        return AmfNull.INSTANCE;
    }

    @Override
    public void close() throws IOException {
        reading.countDown();
        socket.close();
    }

    private void read() {
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, raw -> {
            try {
                RawMessage copy = new RawMessage(raw.chunkStreamId(), raw.timestamp(), raw.typeId(),
                        raw.messageStreamId(), ByteBuffer.wrap(raw.payloadBytes()));
                received.add(new Received(copy, MessageCodec.decode(copy, RtmpLimits.DEFAULTS)));
            } catch (ProtocolException e) {
                throw new IllegalStateException("server sent a malformed message: " + e.error());
            }
            return true;
        });
        byte[] buffer = new byte[65536];
        try {
            reading.await();
            InputStream in = socket.getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                decoder.feed(ByteBuffer.wrap(buffer, 0, n));
            }
        } catch (IOException e) {
            // closed or reset
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        serverClosed = true;
    }
}
