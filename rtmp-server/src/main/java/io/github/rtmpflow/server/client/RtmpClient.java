package io.github.rtmpflow.server.client;

import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.handshake.ClientHandshake;
import io.github.rtmpflow.core.session.ChunkStreamIds;
import io.github.rtmpflow.core.session.ClientEvent;
import io.github.rtmpflow.core.session.ClientSession;
import io.github.rtmpflow.core.session.OutgoingMessage;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.ScriptData;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A small blocking RTMP client on rtmpflow's protocol core, for tests, relays and load tools:
 * connect, publish, send FLV tags, unpublish.
 *
 * <pre>{@code
 * try (RtmpClient client = RtmpClient.connect("rtmp://127.0.0.1:1935/live")) {
 *     client.publish("cam1?key=SECRET");
 *     for (FlvTag tag : tags) client.send(tag);
 * }
 * }</pre>
 *
 * <p>A background thread reads the server continuously (answering pings, acknowledging
 * windows), so the server always sees a live peer. The calling methods are thread-safe; each
 * blocks until its bytes are written (and, for connect and publish, answered).
 */
public final class RtmpClient implements AutoCloseable {

    private static final int READ_BUFFER_SIZE = 64 * 1024;
    private static final byte[] SET_DATA_FRAME_AMF0 = amf0String("@setDataFrame");

    private final RtmpUrl url;
    private final RtmpClientOptions options;
    private final SocketChannel channel;
    private final Object lock = new Object();
    private final ClientSession session;
    private final ChunkEncoder encoder = new ChunkEncoder();
    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    private final ClientReader reader;
    private int publishStreamId = -1;
    private boolean closed;
    private AmfObject connectProperties = AmfObject.builder().build();

    private RtmpClient(RtmpUrl url, RtmpClientOptions options, SocketChannel channel) {
        this.url = url;
        this.options = options;
        this.channel = channel;
        this.session = new ClientSession(options.limits());
        this.reader = new ClientReader(this, channel, options.limits());
    }

    /** Connects with {@link RtmpClientOptions#DEFAULTS}; see {@link #connect(String, RtmpClientOptions)}. */
    public static RtmpClient connect(String url) throws IOException {
        return connect(url, RtmpClientOptions.DEFAULTS);
    }

    /**
     * Dials {@code rtmp://host[:port]/app[?query]}, does the handshake and the connect command,
     * and returns once the server accepted.
     *
     * @throws RtmpRefusedException when the server refuses connect
     * @throws IOException when the connection fails or the server does not answer in time
     */
    public static RtmpClient connect(String url, RtmpClientOptions options) throws IOException {
        return connect(url, options, AmfObject.builder().build());
    }

    /**
     * Like {@link #connect(String, RtmpClientOptions)}, with more properties in the connect
     * command object, e.g. Enhanced RTMP's {@code fourCcList}, {@code videoFourCcInfoMap} or
     * {@code capsEx} (they are added after, and may replace, app, type, flashVer and tcUrl).
     *
     * @throws RtmpRefusedException when the server refuses connect
     * @throws IOException when the connection fails or the server does not answer in time
     */
    public static RtmpClient connect(String url, RtmpClientOptions options, AmfObject extraConnectProperties)
            throws IOException {
        Objects.requireNonNull(extraConnectProperties, "extraConnectProperties");
        RtmpUrl target = RtmpUrl.parse(url);
        if (target.tls()) {
            throw new IllegalArgumentException("RtmpClient speaks plain RTMP only: url=" + target);
        }
        SocketChannel channel = SocketChannel.open();
        RtmpClient client = null;
        try {
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            Socket socket = channel.socket();
            socket.connect(new InetSocketAddress(target.host(), target.port()), (int) options.timeout().toMillis());
            client = new RtmpClient(target, options, channel);
            client.start(extraConnectProperties);
            return client;
        } catch (IOException | RuntimeException e) {
            if (client != null) {
                client.abort();
            } else {
                channel.close();
            }
            throw e;
        }
    }

    private void start(AmfObject extraConnectProperties) throws IOException {
        ByteBuffer rest = handshake();
        reader.start(rest);
        synchronized (lock) {
            if (extraConnectProperties.properties().isEmpty()) {
                session.connect(url.app(), url.tcUrl());
            } else {
                AmfObject.Builder command = AmfObject.builder().put("app", url.app()).put("type", "nonprivate")
                        .put("flashVer", ClientSession.FLASH_VER).put("tcUrl", url.tcUrl());
                extraConnectProperties.properties().forEach(command::put);
                session.connect(command.build());
            }
            session.setChunkSize(options.chunkSize());
            flushOutgoing();
        }
        AmfObject properties = awaitEvent(ClientEvent.Connected.class).properties();
        synchronized (lock) {
            connectProperties = properties;
        }
    }

    /**
     * Returns the properties object of the server's connect {@code _result} (fmsVer,
     * capabilities and, for a client that announced Enhanced RTMP, the server's fourCcList,
     * FourCC info maps and capsEx).
     */
    public AmfObject connectResultProperties() {
        synchronized (lock) {
            return connectProperties;
        }
    }

    /**
     * Waits for an onStatus with {@code code} from the server (e.g.
     * NetConnection.Connect.ReconnectRequest) and returns its info object. Other events that
     * arrive meanwhile are consumed: call it when no other answer is awaited.
     *
     * @throws IOException when the connection fails or no such status comes within {@code timeout}
     */
    public AmfObject awaitStatus(String code, Duration timeout) throws IOException {
        Objects.requireNonNull(code, "code");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object next;
            try {
                next = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for " + code);
            }
            if (next == null) {
                throw new IOException("no onStatus " + code + " within " + timeout.toMillis() + " ms");
            }
            if (next instanceof IOException e) {
                events.add(e);
                throw new IOException("connection failed while waiting for " + code, e);
            }
            if (next instanceof ClientEvent.Status status && code.equals(status.code())) {
                return status.info();
            }
        }
    }

    /** Runs the handshake on this thread; returns the bytes read past S2 (chunk stream). */
    private ByteBuffer handshake() throws IOException {
        ClientHandshake handshake = new ClientHandshake(options.handshakeForm(),
                (int) (System.nanoTime() / 1_000_000L), ThreadLocalRandom.current());
        writeFully(handshake.takeOutput());
        ByteBuffer in = ByteBuffer.allocate(READ_BUFFER_SIZE);
        Socket socket = channel.socket();
        socket.setSoTimeout((int) options.timeout().toMillis());
        java.io.InputStream stream = socket.getInputStream();
        while (!handshake.done()) {
            int n;
            try {
                n = stream.read(in.array(), in.position(), in.remaining());
            } catch (SocketTimeoutException e) {
                throw new IOException("handshake not answered within " + options.timeout().toMillis() + " ms", e);
            }
            if (n < 0) {
                throw new EOFException("server closed the connection during the handshake");
            }
            in.position(in.position() + n);
            in.flip();
            handshake.feed(in);
            in.compact();
            if (handshake.failed()) {
                throw new IOException("handshake failed: " + handshake.error().orElse(null));
            }
            if (handshake.hasOutput()) {
                writeFully(handshake.takeOutput());
            }
        }
        reader.countBytes(3073 + in.position());
        return in.flip();
    }

    /**
     * Publishes {@code name} (it may carry {@code ?key=...}) as a live stream and waits for
     * NetStream.Publish.Start.
     *
     * @throws RtmpRefusedException when the server refuses (BadName, Unauthorized, ...)
     * @throws IOException when the connection fails or the server does not answer in time
     */
    public void publish(String name) throws IOException {
        Objects.requireNonNull(name, "name");
        synchronized (lock) {
            if (publishStreamId >= 0) {
                throw new IllegalStateException("already publishing: streamId=" + publishStreamId);
            }
            session.publish(name);
            flushOutgoing();
        }
        ClientEvent.PublishStarted started = awaitEvent(ClientEvent.PublishStarted.class);
        synchronized (lock) {
            publishStreamId = started.streamId();
        }
    }

    /**
     * Sends one tag on the published stream, with its timestamp (low 32 bits on the wire).
     * onMetaData script tags go as {@code @setDataFrame} data messages, as encoders send them;
     * the server hands subscribers the tag body unchanged.
     *
     * @throws IllegalStateException when not publishing
     * @throws IOException when the connection fails
     */
    public void send(FlvTag tag) throws IOException {
        synchronized (lock) {
            if (publishStreamId < 0) {
                throw new IllegalStateException("not publishing");
            }
            ByteBuffer body = tag.payload();
            int chunkStreamId;
            if (tag.isAudio()) {
                chunkStreamId = ChunkStreamIds.AUDIO;
            } else if (tag.isVideo()) {
                chunkStreamId = ChunkStreamIds.VIDEO;
            } else {
                chunkStreamId = ChunkStreamIds.STREAM_STATUS;
                if (tag.isOnMetaData() && !ScriptData.startsWithSetDataFrame(body)) {
                    body = ByteBuffer.allocate(SET_DATA_FRAME_AMF0.length + body.remaining())
                            .put(SET_DATA_FRAME_AMF0).put(body).flip();
                }
            }
            RawMessage message = new RawMessage(chunkStreamId, tag.timestamp(), tag.type().id(), publishStreamId, body);
            writeFully(encoder.encode(message));
        }
    }

    /** Ends the publish as FFmpeg does (FCUnpublish, deleteStream); the connection stays open. */
    public void unpublish() throws IOException {
        synchronized (lock) {
            if (publishStreamId < 0) {
                return;
            }
            session.unpublish(publishStreamId);
            publishStreamId = -1;
            flushOutgoing();
        }
    }

    /**
     * Ends the publish if any, half-closes the connection and waits (up to the timeout) for the
     * server to close its side, so nothing sent is lost; then releases the socket. Idempotent.
     */
    @Override
    public void close() throws IOException {
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                unpublish();
                channel.shutdownOutput();
            } catch (IOException e) {
                abort();
                return;
            } finally {
                closed = true;
            }
        }
        try {
            reader.awaitEnd(options.timeout().toMillis());
        } finally {
            abort();
        }
    }

    /** Closes the socket at once, mid-message if need be (tests of abrupt disconnects). */
    public void abort() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing is all that was asked
        }
    }

    /** Returns the message stream id of the publish, or -1 when not publishing. */
    public int publishStreamId() {
        synchronized (lock) {
            return publishStreamId;
        }
    }

    // ---- used by ClientReader, on the reader thread ----

    /** Hands one message from the server to the session; returns false to stop reading. */
    boolean onMessage(RawMessage raw) {
        synchronized (lock) {
            try {
                session.receive(raw);
                ClientEvent event;
                while ((event = session.pollEvent()) != null) {
                    if (event instanceof ClientEvent.WindowAcknowledgementSizeChanged window) {
                        reader.setAcknowledgementWindow(window.windowSize());
                    } else {
                        events.add(event);
                    }
                }
            } catch (io.github.rtmpflow.core.ProtocolException e) {
                events.add(new IOException("server sent malformed data: " + e.error()));
                return false;
            }
        }
        return true;
    }

    /** Sends what the session queued (pings answered, acknowledgements) and an acknowledgement. */
    void afterRead(long acknowledge) throws IOException {
        synchronized (lock) {
            if (acknowledge >= 0) {
                session.acknowledge(acknowledge);
            }
            flushOutgoing();
        }
    }

    /** The reader stopped: end of stream or failure. */
    void onReaderEnd(IOException cause) {
        events.add(cause);
    }

    private void flushOutgoing() throws IOException {
        OutgoingMessage message;
        while ((message = session.pollOutgoing()) != null) {
            writeFully(encoder.encode(message.toRawMessage()));
        }
    }

    private void writeFully(ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private <T extends ClientEvent> T awaitEvent(Class<T> wanted) throws IOException {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Object next;
            try {
                next = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted waiting for " + wanted.getSimpleName());
            }
            if (next == null) {
                throw new IOException("no " + wanted.getSimpleName() + " within " + options.timeout().toMillis() + " ms");
            }
            if (next instanceof IOException e) {
                events.add(e); // later waits fail the same way
                throw new IOException("connection failed while waiting for " + wanted.getSimpleName(), e);
            }
            if (next instanceof ClientEvent.Rejected rejected) {
                throw new RtmpRefusedException(rejected.command(), rejected.code(), rejected.description());
            }
            if (wanted.isInstance(next)) {
                return wanted.cast(next);
            }
        }
    }

    private static byte[] amf0String(String value) {
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(3 + text.length);
        out.put((byte) 0x02).putShort((short) text.length).put(text);
        return out.array();
    }

    @Override
    public String toString() {
        return "RtmpClient[" + url + "]";
    }
}
