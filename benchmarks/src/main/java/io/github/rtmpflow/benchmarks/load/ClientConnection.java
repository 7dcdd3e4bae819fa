package io.github.rtmpflow.benchmarks.load;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.chunk.AcknowledgementWindow;
import io.github.rtmpflow.core.chunk.ChunkDecoder;
import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.RawMessage;
import io.github.rtmpflow.core.handshake.ClientHandshake;
import io.github.rtmpflow.core.session.ClientEvent;
import io.github.rtmpflow.core.session.ClientSession;
import io.github.rtmpflow.core.session.OutgoingMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One non-blocking RTMP client connection driven by its {@link LoadLoop}: socket, client
 * handshake, chunk decoder and encoder, {@link ClientSession} (commands, pings,
 * acknowledgements) and an output buffer. Subclasses add what a publisher or a player does
 * once the session runs.
 *
 * <p>Output goes through an {@link OutputBuffer}: messages are encoded only while it fills, so
 * a slow socket leaves them in the session's queue (or, for media, not generated yet).
 *
 * <p>Confined to its loop's thread.
 */
abstract class ClientConnection {

    /** Where the connection stands. */
    enum Phase { WAITING, CONNECTING, HANDSHAKE, SETUP, ACTIVE, FINISHING, CLOSING, CLOSED }

    /** How long a finishing connection waits for the server to close after our FIN. */
    private static final long CLOSE_WAIT_NANOS = 2_000_000_000L;
    /** How long a finishing connection may take to write what it has queued. */
    private static final long FLUSH_TIMEOUT_NANOS = 10_000_000_000L;
    /** Write rounds per readiness event, so one fast connection cannot starve the others. */
    private static final int WRITE_ROUNDS = 4;

    final LoadLoop loop;
    final LoadOptions options;
    final int index;
    final String streamName;
    private final ChunkEncoder encoder = new ChunkEncoder();
    private final AcknowledgementWindow acknowledgementWindow = new AcknowledgementWindow();
    private ClientSession session;
    private ChunkDecoder decoder;
    private ClientHandshake handshake;
    private SocketChannel channel;
    /** The socket itself, or TLS over it for rtmps:// URLs. */
    private ByteChannel io;
    private SelectionKey key;
    private final OutputBuffer out;
    private OutgoingMessage heldControl;
    private Phase phase = Phase.WAITING;
    private boolean everActive;
    private boolean dropped;
    private String failure;
    /** When to connect; volatile: a publisher on another loop starts its players. */
    volatile long startAt = Long.MAX_VALUE;
    long connectStartedAt;
    long activeAt;
    private long activeUntil = Long.MAX_VALUE;
    private long endedAt;
    private long deadline = Long.MAX_VALUE;
    private long bytesRead;

    ClientConnection(LoadLoop loop, LoadOptions options, int index) {
        this(loop, options, index, index);
    }

    /**
     * A connection numbered {@code index} (which picks its source address) working on stream
     * {@code streamIndex}: players of one stream have their own numbers.
     */
    ClientConnection(LoadLoop loop, LoadOptions options, int index, int streamIndex) {
        this.loop = loop;
        this.options = options;
        this.index = index;
        this.streamName = options.streamPrefix() + streamIndex;
        this.out = new OutputBuffer(loop);
    }

    /** Starts the session's own commands once connect is queued (publish or play). */
    abstract void onSessionStarted(ClientSession s);

    /** Handles a session event the base class does not. */
    abstract void onEvent(ClientEvent event, long now);

    /** Handles a media or data message of a played stream. */
    abstract void onMedia(RawMessage message);

    /**
     * Encodes messages of the active phase into {@code buffer} (filling) with {@code encoder}.
     *
     * @return whether more would be ready now (the buffer is full)
     */
    abstract boolean fillActive(ChunkEncoder enc, ByteBuffer buffer, long now);

    /** Returns the next time the active phase needs a tick for its own sake (media due). */
    abstract long activeDeadline();

    /** Ends the active phase: queue the commands that end it (unpublish). */
    abstract void onFinish(ClientSession s);

    /**
     * Called by the loop on every wake-up: starts, times out, sends due data.
     *
     * @return the next time this connection needs a tick, in {@link System#nanoTime()} units
     */
    final long tick(long now) {
        try {
            if (phase == Phase.WAITING && now >= startAt) {
                open(now);
            } else if (phase == Phase.ACTIVE) {
                if (now >= activeUntil) {
                    finish(now);
                }
                pump(now);
            } else if (now >= deadline) {
                onDeadline();
            }
        } catch (IOException | RuntimeException e) {
            fail(e.toString());
        }
        if (phase == Phase.WAITING) {
            return startAt;
        }
        return phase == Phase.ACTIVE ? Math.min(activeDeadline(), activeUntil) : deadline;
    }

    /** Called by the loop when the key is ready. */
    final void onReady(SelectionKey k, long now) {
        try {
            if (k.isConnectable()) {
                channel.finishConnect();
                onConnected();
            }
            if (k.isValid() && k.isReadable()) {
                read(now);
            }
            if (k.isValid() && phase != Phase.CLOSED && (k.isWritable() || !out.draining())) {
                pump(now);
            }
        } catch (IOException | RuntimeException e) {
            fail(e.toString());
        }
    }

    private void open(long now) throws IOException {
        connectStartedAt = now;
        deadline = now + (long) (options.setupTimeoutSeconds() * 1e9);
        phase = Phase.CONNECTING;
        channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        InetSocketAddress source = options.sourceAddress(index);
        if (source != null) {
            channel.bind(source);
        }
        io = options.url().tls() ? new ClientTls(channel, options.url().host(), options.url().port()) : channel;
        boolean connected = channel.connect(loop.address());
        key = channel.register(loop.selector(), connected ? 0 : SelectionKey.OP_CONNECT, this);
        if (connected) {
            onConnected();
            pump(now);
        }
    }

    private void onConnected() {
        phase = Phase.HANDSHAKE;
        handshake = new ClientHandshake(options.handshake(), 0, loop.random());
        key.interestOps(SelectionKey.OP_READ);
        append(handshake.takeOutput());
    }

    private void read(long now) throws IOException {
        ByteBuffer in = loop.readBuffer();
        while (phase != Phase.CLOSED) {
            in.clear();
            int n = io.read(in);
            if (n <= 0) {
                if (n < 0) {
                    onEndOfStream();
                }
                return;
            }
            bytesRead += n;
            in.flip();
            if (phase == Phase.HANDSHAKE) {
                feedHandshake(in);
            }
            if (decoder != null && in.hasRemaining()) {
                decoder.feed(in);
                if (decoder.failed()) {
                    throw new IOException("protocol error: " + decoder.error());
                }
            }
            if (failure != null) {
                throw new IOException(failure);
            }
            if (session != null) {
                if (acknowledgementWindow.onBytesReceived(bytesRead)) {
                    session.acknowledge(acknowledgementWindow.sequenceNumberToAck());
                }
                pollEvents(now);
            }
        }
    }

    private void feedHandshake(ByteBuffer in) throws IOException {
        handshake.feed(in);
        if (handshake.failed()) {
            throw new IOException("handshake failed: " + handshake.error().orElseThrow());
        }
        ByteBuffer reply = handshake.takeOutput();
        if (reply.hasRemaining()) {
            append(reply);
        }
        if (handshake.done()) {
            phase = Phase.SETUP;
            session = new ClientSession(RtmpLimits.DEFAULTS);
            decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, this::onMessage);
            if (options.chunkSize() > 0) {
                session.setChunkSize(options.chunkSize());
            }
            session.connect(options.url().app(), options.url().tcUrl());
            onSessionStarted(session);
        }
    }

    private boolean onMessage(RawMessage message) {
        try {
            if (session.receive(message)) {
                onMedia(message);
            }
            return true;
        } catch (ProtocolException e) {
            failure = "protocol error: " + e.error();
            return false;
        }
    }

    private void pollEvents(long now) throws IOException {
        for (ClientEvent e = session.pollEvent(); e != null; e = session.pollEvent()) {
            if (e instanceof ClientEvent.WindowAcknowledgementSizeChanged w) {
                acknowledgementWindow.setWindowSize(w.windowSize());
            } else if (e instanceof ClientEvent.Rejected r) {
                throw new IOException("rejected: command=" + r.command() + " code=" + r.code()
                        + " description=" + r.description());
            } else {
                onEvent(e, now);
            }
        }
    }

    /** Marks the session active (publishing or playing) from now on, for {@code nanos}. */
    final void activate(long now, long nanos) {
        phase = Phase.ACTIVE;
        everActive = true;
        activeAt = now;
        activeUntil = now + nanos;
        deadline = Long.MAX_VALUE;
    }

    /** Ends the active phase: the subclass queues its closing commands, then output drains. */
    final void finish(long now) {
        if (phase != Phase.ACTIVE) {
            return;
        }
        phase = Phase.FINISHING;
        endedAt = now;
        deadline = now + FLUSH_TIMEOUT_NANOS;
        onFinish(session);
    }

    /** Encodes what waits and writes, a few rounds at most; keeps OP_WRITE while bytes wait. */
    private void pump(long now) throws IOException {
        for (int round = 0; round < WRITE_ROUNDS && phase != Phase.CLOSED; round++) {
            if (!out.draining() && !fill(now)) {
                break;
            }
            if (!out.writeTo(io)) {
                break;
            }
        }
        if (phase == Phase.FINISHING && !out.hasBytes() && heldControl == null) {
            if (io instanceof ClientTls tls) {
                tls.closeOutbound();
            }
            channel.shutdownOutput();
            phase = Phase.CLOSING;
            deadline = now + CLOSE_WAIT_NANOS;
        }
        if (key != null && key.isValid()) {
            boolean moreNow = out.draining() || phase == Phase.ACTIVE && !options.paced();
            int ops = SelectionKey.OP_READ | (moreNow ? SelectionKey.OP_WRITE : 0);
            if (key.interestOps() != ops) {
                key.interestOps(ops);
            }
        }
    }

    /** Fills the buffer with control messages and, while active, media; returns whether any bytes wait. */
    private boolean fill(long now) {
        if (session != null && (heldControl != null || phase.compareTo(Phase.SETUP) >= 0)) {
            OutgoingMessage m = heldControl != null ? heldControl : session.pollOutgoing();
            heldControl = null;
            while (m != null) {
                RawMessage raw = m.toRawMessage();
                ByteBuffer b = out.fillable();
                if (encoder.encodedLength(raw) > b.remaining()) {
                    heldControl = m;
                    break;
                }
                encoder.encode(raw, b);
                m = session.pollOutgoing();
            }
        }
        if (phase == Phase.ACTIVE && heldControl == null) {
            fillActive(encoder, out.fillable(), now);
        }
        out.releaseIfEmpty();
        return out.hasBytes();
    }

    private void append(ByteBuffer bytes) {
        out.fillable().put(bytes);
    }

    private void onEndOfStream() throws IOException {
        if (phase == Phase.CLOSING || phase == Phase.FINISHING) {
            close();
            return;
        }
        throw new IOException("server closed the connection: phase=" + phase);
    }

    private void onDeadline() throws IOException {
        if (phase == Phase.CLOSING) {
            close(); // our FIN went out; the server keeping the socket open costs us nothing
            return;
        }
        throw new IOException("timed out: phase=" + phase);
    }

    /** Records the failure (or drop, once active) and closes. */
    final void fail(String reason) {
        if (phase == Phase.CLOSED) {
            return;
        }
        boolean allSent = phase == Phase.CLOSING || phase == Phase.FINISHING && !out.hasBytes();
        if (allSent) {
            close(); // every byte went out; the server only closed first
            return;
        }
        failure = reason;
        dropped = everActive;
        if (phase == Phase.ACTIVE) {
            endedAt = System.nanoTime();
        }
        close();
    }

    private void close() {
        phase = Phase.CLOSED;
        deadline = Long.MAX_VALUE;
        out.release();
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing a socket that failed: nothing left to do
            }
        }
    }

    /** Returns where the connection stands. */
    final Phase phase() {
        return phase;
    }

    /** Returns whether it was active and ended without error. */
    final boolean succeeded() {
        return phase == Phase.CLOSED && everActive && failure == null;
    }

    /** Returns whether it was active and then failed. */
    final boolean dropped() {
        return dropped;
    }

    /** Returns when the active phase ended (finished or dropped), 0 when it never ran. */
    final long endedAt() {
        return endedAt;
    }

    /** Returns whether it ever became active. */
    final boolean everActive() {
        return everActive;
    }

    /** Returns the bytes written to the socket, handshake and commands included. */
    final long bytesWritten() {
        return out.bytesWritten();
    }

    /** Returns why it failed, or null. */
    final String failure() {
        return failure;
    }
}
