package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted socket on its event loop: reads continuously into the loop's buffer and hands
 * the bytes to its {@link ConnectionHandler}; queues outbound bytes and writes them with
 * gathering writes, with OP_WRITE set only while bytes wait.
 *
 * <p>Confined to its loop thread, except {@link #id()}, {@link #peer()} and
 * {@link #lastReadNanos()}, which other threads may read.
 */
public final class Connection implements EventLoop.KeyHandler, EventLoop.Flushable {

    /** Most reads in one round for one connection, so one busy peer cannot starve the loop. */
    static final int MAX_READS_PER_ROUND = 4;
    /** How long a peer that closed its side gets to take the bytes still queued for it. */
    static final long PEER_CLOSED_GRACE_NANOS = 5_000_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    /** Receives the close of a connection, for the server's bookkeeping (limits, registry). */
    public interface CloseListener {
        /** Called once, on the loop thread, after the handler's {@code onClosed}. */
        void onConnectionClosed(Connection connection);
    }

    private final long id;
    private final String label;
    private final SocketChannel channel;
    private final Transport transport;
    private final Runnable readAgain = this::readAgain;
    private final InetSocketAddress peer;
    private final EventLoop loop;
    private final OutboundQueue outbound;
    private final long maxOutboundBytes;
    private final CloseListener closeListener;
    private ConnectionHandler handler;
    private SelectionKey key;
    private long bytesRead;
    private volatile long lastReadNanos;
    private boolean flushRequested;
    private boolean waitingForWrite;
    private boolean readingPaused;
    private boolean closeAfterFlush;
    private String closeAfterFlushReason;
    private volatile boolean handshakeDone;
    private boolean closed;

    /**
     * Creates a connection; {@link #open} registers it.
     *
     * @param id the server-wide connection id, used in log lines as {@code c<id>}
     * @param channel the accepted socket, non-blocking mode is set by {@link #open}
     * @param peer the remote address
     * @param loop the loop that owns it from now on
     * @param maxOutboundBytes bound of the outbound queue; beyond it the connection is closed
     * @param closeListener told once when the connection is closed
     */
    public Connection(long id, SocketChannel channel, InetSocketAddress peer, EventLoop loop, long maxOutboundBytes,
            CloseListener closeListener) {
        this(id, channel, new PlainTransport(channel), peer, loop, maxOutboundBytes, closeListener);
    }

    /**
     * Creates a connection whose bytes pass through {@code transport} (TLS); {@link #open}
     * registers it.
     *
     * @param transport what lies between {@code channel} and the handler; closes the channel
     */
    public Connection(long id, SocketChannel channel, Transport transport, InetSocketAddress peer, EventLoop loop,
            long maxOutboundBytes, CloseListener closeListener) {
        this.transport = transport;
        this.id = id;
        this.label = "c" + id;
        this.channel = channel;
        this.peer = peer;
        this.loop = loop;
        this.outbound = new OutboundQueue(loop.outboundPool());
        this.maxOutboundBytes = maxOutboundBytes;
        this.closeListener = closeListener;
    }

    /** Registers with the loop's selector for reading and tells the handler; loop thread only. */
    public void open(ConnectionHandler connectionHandler) throws IOException {
        this.lastReadNanos = loop.now();
        channel.configureBlocking(false);
        key = channel.register(loop.selector(), SelectionKey.OP_READ, this);
        transport.open(this);
        this.handler = connectionHandler;
        handler.onOpen(this);
    }

    /** Returns the protocol handler, null before {@link #open}; loop thread only. */
    public ConnectionHandler handler() {
        return handler;
    }

    /** Records that the RTMP handshake completed (for the in-handshake connection count). */
    public void markHandshakeDone() {
        handshakeDone = true;
    }

    /** Returns whether the RTMP handshake completed. */
    public boolean isHandshakeDone() {
        return handshakeDone;
    }

    /** Returns the server-wide id. */
    public long id() {
        return id;
    }

    /** Returns {@code c<id>}, the label of log lines. */
    public String label() {
        return label;
    }

    /** Returns the peer's address. */
    public InetSocketAddress peer() {
        return peer;
    }

    /** Returns the transport (plain or TLS). */
    public Transport transport() {
        return transport;
    }

    /** Returns the owning loop. */
    public EventLoop loop() {
        return loop;
    }

    /** Returns the bytes read so far, handshake included. */
    public long bytesRead() {
        return bytesRead;
    }

    /** Returns the bytes written so far. */
    public long bytesWritten() {
        return outbound.writtenBytes();
    }

    /** Returns the time-source instant of the last read that brought bytes; any thread. */
    public long lastReadNanos() {
        return lastReadNanos;
    }

    /** Returns the bytes waiting to be written. */
    public long queuedOutboundBytes() {
        return outbound.queuedBytes();
    }

    /** Returns whether the connection is closed. */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void onReady(SelectionKey readyKey) {
        if (!readyKey.isValid()) {
            return;
        }
        int ready = readyKey.readyOps();
        if ((ready & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if (!closed && (ready & SelectionKey.OP_READ) != 0) {
            read();
        }
    }

    @Override
    public void onFailure(Throwable error) {
        close("internal error: " + error.getClass().getSimpleName());
    }

    private void read() {
        for (int round = 0; round < MAX_READS_PER_ROUND && !closed && !readingPaused && !closeAfterFlush; round++) {
            ByteBuffer buffer = loop.readBuffer();
            int n;
            try {
                n = transport.read(buffer);
            } catch (IOException e) {
                close("read failed: " + e.getMessage());
                return;
            }
            if (n < 0) {
                // The peer may only have half-closed: what it is owed still goes out first.
                closeAfterFlush("peer closed", PEER_CLOSED_GRACE_NANOS);
                return;
            }
            if (n == 0) {
                return;
            }
            bytesRead += n;
            lastReadNanos = loop.now();
            buffer.flip();
            handler.onRead(buffer);
            if (n < buffer.capacity() && !transport.hasBufferedInput()) {
                return; // the socket is drained for now
            }
        }
        readBufferedLater();
    }

    /** Bytes the transport holds (decrypted TLS records) are invisible to the selector: read them next round. */
    private void readBufferedLater() {
        if (transport.hasBufferedInput() && !closed && !readingPaused) {
            loop.execute(readAgain);
        }
    }

    private void readAgain() {
        if (!closed) {
            read();
        }
    }

    /**
     * Queues bytes to send; they leave at the end of the loop iteration. Ownership of
     * {@code data} passes to the connection until written.
     */
    public void send(ByteBuffer data) {
        if (closed || !data.hasRemaining()) {
            return;
        }
        outbound.add(data);
        afterQueued();
    }

    /**
     * Queues {@code message}, encoded by {@code encoder} straight into the outbound queue's
     * pooled direct buffers (no array per message, no copy by the JDK when written); it leaves
     * at the end of the loop iteration. The payload is only read, during this call.
     */
    public void send(ChunkEncoder encoder, RawMessage message) {
        if (closed) {
            return;
        }
        outbound.encode(encoder, message);
        afterQueued();
    }

    private void afterQueued() {
        if (outbound.queuedBytes() > maxOutboundBytes) {
            LOG.warn("[{}] {} outbound queue over its limit ({} > {} bytes), closing", label, peer,
                    outbound.queuedBytes(), maxOutboundBytes);
            close("outbound limit");
            return;
        }
        requestFlush();
    }

    /** Asks for a flush at the end of this loop iteration (the transport has bytes of its own). */
    void requestFlush() {
        if (!flushRequested && !waitingForWrite && !closed) {
            flushRequested = true;
            loop.requestFlush(this);
        }
    }

    @Override
    public void flush() {
        flushRequested = false;
        if (closed) {
            return;
        }
        boolean drained;
        try {
            drained = outbound.writeTo(transport) && transport.flushPending();
        } catch (IOException e) {
            close("write failed: " + e.getMessage());
            return;
        }
        if (drained) {
            if (waitingForWrite) {
                waitingForWrite = false;
                updateInterest();
            }
            if (closeAfterFlush) {
                close(closeAfterFlushReason);
            }
        } else if (!waitingForWrite) {
            waitingForWrite = true;
            updateInterest();
        }
    }

    /** Stops reading (a deliberate pause of a publisher); loop thread only. */
    public void pauseReading() {
        if (!readingPaused) {
            readingPaused = true;
            updateInterest();
        }
    }

    /** Resumes reading after {@link #pauseReading()}; loop thread only. */
    public void resumeReading() {
        if (readingPaused) {
            readingPaused = false;
            updateInterest();
            readBufferedLater();
        }
    }

    /** Returns whether reading is paused. */
    public boolean isReadingPaused() {
        return readingPaused;
    }

    /**
     * Stops reading, sends what is queued, then closes; used after an error status the peer
     * must see. A peer that does not take the bytes within {@code graceNanos} is closed anyway.
     */
    public void closeAfterFlush(String reason, long graceNanos) {
        if (closed || closeAfterFlush) {
            return;
        }
        if (outbound.isEmpty()) {
            close(reason);
            return;
        }
        closeAfterFlush = true;
        closeAfterFlushReason = reason;
        updateInterest();
        loop.deadlines().schedule(loop.now() + graceNanos, () -> close(reason + "; peer did not take the last bytes"));
        if (!flushRequested && !waitingForWrite) {
            flushRequested = true;
            loop.requestFlush(this);
        }
    }

    /** Closes the socket at once (queued bytes are dropped) and tells the handler; idempotent. */
    public void close(String reason) {
        if (closed) {
            return;
        }
        closed = true;
        LOG.debug("[{}] {} closed: {}", label, peer, reason);
        if (key != null) {
            key.cancel();
        }
        try {
            transport.close();
        } catch (IOException e) {
            LOG.debug("[{}] close failed", label, e);
        }
        outbound.clear();
        try {
            if (handler != null) {
                handler.onClosed(reason);
            }
        } finally {
            closeListener.onConnectionClosed(this);
        }
    }

    private void updateInterest() {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = 0;
        if (!readingPaused && !closeAfterFlush) {
            ops |= SelectionKey.OP_READ;
        }
        if (waitingForWrite) {
            ops |= SelectionKey.OP_WRITE;
        }
        try {
            key.interestOps(ops);
        } catch (RuntimeException e) {
            LOG.debug("[{}] interest update failed", label, e);
        }
    }
}
