package io.github.rtmpflow.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * TLS on the socket with an {@link SSLEngine}, inside the event loop (no thread per connection).
 *
 * <p>Reads pull ciphertext into a pooled buffer and unwrap it straight into the caller's
 * buffer (the loop's read buffer); writes wrap the caller's application buffers (gathering) into
 * a pooled buffer and write it. Ciphertext buffers come from the loop's {@link TlsBufferPool} and
 * go back as soon as they are empty, so nothing is allocated per record (beyond the
 * {@code SSLEngineResult} the JDK returns for each wrap and unwrap).
 *
 * <p>Delegated tasks (the handshake's key exchange and signature) run inline on the loop: they
 * take about a millisecond per handshake, a handoff to another thread would cost more in
 * wake-ups and ordering than it saves on two cores, and the number of connections in a
 * handshake is bounded by {@code ServerLimits.maxConnectionsInHandshake}.
 *
 * <p>Policy: after the first handshake, TLS 1.2 renegotiation is refused (the connection is
 * closed); in TLS 1.3 the only post-handshake messages are key updates and tickets, which the
 * engine handles. A close_notify from the peer ends the input ({@link #read} returns -1, the
 * connection sends what it owes and closes); {@link #close()} sends our close_notify. A TLS
 * handshake not done within the timeout, or any bad record, costs only this connection, with a
 * WARN line.
 */
public final class TlsTransport implements Transport {

    private static final Logger LOG = LoggerFactory.getLogger(TlsTransport.class);
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final long handshakeTimeoutNanos;
    private Connection connection;
    private TlsBufferPool pool;
    /** Ciphertext read and not yet unwrapped, in write mode; null while there is none. */
    private ByteBuffer netIn;
    /** Ciphertext wrapped and not yet written, in write mode; null while there is none. */
    private ByteBuffer netOut;
    private DeadlineHeap.Timer handshakeTimer;
    private boolean handshakeDone;
    private boolean inputAvailable;
    private boolean inboundDone;
    private boolean closed;

    /**
     * Creates the transport of an accepted socket.
     *
     * @param channel the socket, closed by {@link #close()}
     * @param engine a server-mode engine, configured (protocols), handshake not begun
     * @param handshakeTimeoutNanos longest time from {@link #open} to the end of the handshake
     */
    public TlsTransport(SocketChannel channel, SSLEngine engine, long handshakeTimeoutNanos) {
        this.channel = channel;
        this.engine = engine;
        this.handshakeTimeoutNanos = handshakeTimeoutNanos;
    }

    @Override
    public void open(Connection owner) {
        this.connection = owner;
        this.pool = TlsBufferPool.local();
        EventLoop loop = owner.loop();
        handshakeTimer = loop.deadlines().schedule(loop.now() + handshakeTimeoutNanos, () -> {
            if (!handshakeDone && !closed) {
                LOG.warn("[{}] {} TLS handshake not completed within {} ms, closing", owner.label(), owner.peer(),
                        TimeUnit.NANOSECONDS.toMillis(handshakeTimeoutNanos));
                owner.close("TLS handshake timeout");
            }
        });
    }

    @Override
    public String scheme() {
        return "rtmps";
    }

    /** Returns whether the TLS handshake completed. */
    public boolean isHandshakeDone() {
        return handshakeDone;
    }

    /** Returns the engine (protocol and cipher of the session, for logs and tests). */
    public SSLEngine engine() {
        return engine;
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        try {
            return unwrapInto(destination);
        } catch (SSLException e) {
            LOG.warn("[{}] {} TLS {} failed, closing: {}", connection.label(), connection.peer(),
                    handshakeDone ? "record" : "handshake", e.getMessage());
            throw e;
        }
    }

    private int unwrapInto(ByteBuffer destination) throws IOException {
        int produced = 0;
        inputAvailable = false;
        while (!inboundDone) {
            if (netIn != null && netIn.position() > 0) {
                netIn.flip();
                SSLEngineResult result;
                try {
                    result = engine.unwrap(netIn, destination);
                } finally {
                    netIn.compact();
                }
                produced += result.bytesProduced();
                Status status = result.getStatus();
                if (status == Status.CLOSED) {
                    onCloseNotify();
                    // TLS 1.2 answers close_notify with its own: the engine asks to wrap it.
                    afterEngine(result.getHandshakeStatus());
                    break;
                }
                HandshakeStatus handshakeStatus = result.getHandshakeStatus();
                afterEngine(handshakeStatus);
                if (status == Status.BUFFER_OVERFLOW) {
                    if (produced == 0) {
                        throw new IOException("TLS record larger than the read buffer: " + destination.remaining());
                    }
                    // Whole records wait in netIn; the caller reads again at once (the selector cannot tell).
                    inputAvailable = true;
                    return produced;
                }
                if (status == Status.OK && (result.bytesConsumed() > 0 || result.bytesProduced() > 0
                        || handshakeStatus == HandshakeStatus.NEED_TASK || handshakeStatus == HandshakeStatus.NEED_WRAP)) {
                    continue; // Progress (or the engine did its own work first): unwrap the next record.
                }
            }
            // BUFFER_UNDERFLOW (or nothing buffered): more ciphertext is needed.
            int n = readSocket();
            if (n < 0) {
                releaseInput();
                // SPEC: RFC 8446 6.1 - a stream ending without close_notify may be truncated; it ends here anyway.
                return produced > 0 ? produced : -1;
            }
            if (n == 0) {
                releaseInputIfEmpty();
                return produced;
            }
        }
        releaseInput();
        return produced > 0 ? produced : -1;
    }

    private int readSocket() throws IOException {
        if (netIn == null) {
            netIn = pool.acquire();
        } else if (!netIn.hasRemaining()) {
            // A partial record as large as the buffer: only with a peer sending oversized records.
            throw new SSLException("TLS record exceeds " + netIn.capacity() + " bytes");
        }
        return channel.read(netIn);
    }

    /** Runs what the engine asks for after an unwrap or wrap, until it waits for the peer. */
    private void afterEngine(HandshakeStatus initial) throws IOException {
        HandshakeStatus status = initial;
        while (true) {
            if (handshakeDone && !inboundDone && status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED
                    && !"TLSv1.3".equals(engine.getSession().getProtocol())) {
                // SPEC: RFC 5746 permits renegotiation; this server refuses it (it re-runs key exchange on the loop
                // and has been a vector for CPU exhaustion), like many servers do.
                LOG.warn("[{}] {} TLS renegotiation refused, closing", connection.label(), connection.peer());
                throw new IOException("TLS renegotiation refused");
            }
            switch (status) {
                case NEED_TASK:
                    runDelegatedTasks();
                    status = engine.getHandshakeStatus();
                    break;
                case NEED_WRAP:
                    status = wrapHandshake();
                    break;
                case FINISHED:
                    onHandshakeFinished();
                    return;
                default:
                    // NEED_UNWRAP: waits for the peer; NOT_HANDSHAKING: nothing to do.
                    return;
            }
        }
    }

    private void runDelegatedTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    private HandshakeStatus wrapHandshake() throws IOException {
        while (true) {
            if (netOut == null) {
                netOut = pool.acquire();
            }
            SSLEngineResult result = engine.wrap(EMPTY, netOut);
            if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                if (!flushPending() && netOut.position() > 0) {
                    growOutput();
                }
                continue;
            }
            connection.requestFlush();
            return result.getStatus() == Status.CLOSED ? HandshakeStatus.NOT_HANDSHAKING : result.getHandshakeStatus();
        }
    }

    /** Only a handshake flight larger than a pooled buffer while the socket is full gets here. */
    private void growOutput() {
        ByteBuffer larger = ByteBuffer.allocate(netOut.capacity() * 2);
        netOut.flip();
        larger.put(netOut);
        pool.release(netOut);
        netOut = larger;
    }

    private void onHandshakeFinished() {
        if (handshakeDone) {
            return; // A TLS 1.3 key update completes like a handshake.
        }
        handshakeDone = true;
        connection.loop().deadlines().cancel(handshakeTimer);
        LOG.debug("[{}] {} TLS handshake done: {} {}", connection.label(), connection.peer(),
                engine.getSession().getProtocol(), engine.getSession().getCipherSuite());
        // Application bytes queued during the handshake can go now.
        connection.requestFlush();
    }

    private void onCloseNotify() {
        inboundDone = true;
        LOG.debug("[{}] {} TLS close_notify received", connection.label(), connection.peer());
    }

    @Override
    public boolean hasBufferedInput() {
        return inputAvailable && !inboundDone;
    }

    @Override
    public long write(ByteBuffer[] sources, int offset, int length) throws IOException {
        long consumed = 0;
        // Before the handshake ends nothing is taken; the handler only answers what it read, so
        // it never sends before then (the queue waits, the handshake's end asks for a flush).
        while (flushPending()) {
            if (!handshakeDone || !hasRemaining(sources, offset, length)) {
                return consumed;
            }
            if (netOut == null) {
                netOut = pool.acquire();
            }
            while (hasRemaining(sources, offset, length)) {
                SSLEngineResult result = engine.wrap(sources, offset, length, netOut);
                consumed += result.bytesConsumed();
                if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                    break; // netOut is full: write it first.
                }
                if (result.getStatus() == Status.CLOSED) {
                    throw new IOException(inboundDone ? "TLS closed by the peer (close_notify)" : "TLS output closed");
                }
                if (result.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
                    afterEngine(result.getHandshakeStatus());
                }
            }
        }
        return consumed;
    }

    private static boolean hasRemaining(ByteBuffer[] sources, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            if (sources[i].hasRemaining()) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean flushPending() throws IOException {
        if (netOut == null) {
            return true;
        }
        netOut.flip();
        try {
            channel.write(netOut);
        } finally {
            netOut.compact();
        }
        if (netOut.position() > 0) {
            return false;
        }
        pool.release(netOut);
        netOut = null;
        return true;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Sends close_notify (best effort: one non-blocking write, after whatever records still
     * wait), returns the buffers to the pool and closes the socket.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (connection != null) {
                connection.loop().deadlines().cancel(handshakeTimer);
                sendCloseNotify();
            }
        } finally {
            releaseInput();
            if (netOut != null && pool != null) {
                pool.release(netOut);
            }
            netOut = null;
            channel.close();
        }
    }

    private void sendCloseNotify() {
        try {
            engine.closeOutbound();
            if (netOut == null) {
                netOut = pool.acquire();
            }
            while (!engine.isOutboundDone()) {
                SSLEngineResult result = engine.wrap(EMPTY, netOut);
                if (result.getStatus() != Status.OK || result.bytesProduced() == 0) {
                    break;
                }
            }
            flushPending();
        } catch (IOException | RuntimeException e) {
            // The peer may be gone or the engine failed already: nothing more is owed.
            LOG.debug("[{}] close_notify not sent: {}", connection.label(), e.toString());
        }
    }

    private void releaseInputIfEmpty() {
        if (netIn != null && netIn.position() == 0) {
            releaseInput();
        }
    }

    private void releaseInput() {
        if (netIn != null && pool != null) {
            pool.release(netIn);
        }
        netIn = null;
    }
}
