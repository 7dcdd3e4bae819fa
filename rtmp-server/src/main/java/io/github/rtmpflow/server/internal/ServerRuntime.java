package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.server.TlsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running server: the acceptor, the event loops and the open connections; starts them and
 * closes them gracefully (stop accepting, close connections so every publish ends and its
 * subscribers complete, complete the name subscriptions, wait for the recordings, stop the
 * loops).
 */
public final class ServerRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(ServerRuntime.class);
    private static final long CLOSE_WAIT_MILLIS = 10_000;
    private static final long CLOSE_FLUSH_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final ServerContext ctx;
    private final EventLoop[] loops;
    private final Acceptor acceptor;
    private final AtomicLong ids = new AtomicLong();
    private final TlsListener tls;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Binds the listening socket and creates the loops (nothing runs before {@link #start()}).
     *
     * @throws IOException when the address cannot be bound
     */
    public ServerRuntime(ServerContext ctx, InetSocketAddress bind, int eventLoops) throws IOException {
        this(ctx, bind, eventLoops, null);
    }

    /**
     * Binds the listening sockets, RTMP and, when {@code tlsOptions} is not null, RTMPS, and
     * creates the loops (nothing runs before {@link #start()}).
     *
     * @throws IOException when an address cannot be bound or the TLS credentials are unusable
     */
    public ServerRuntime(ServerContext ctx, InetSocketAddress bind, int eventLoops, TlsOptions tlsOptions)
            throws IOException {
        this.ctx = ctx;
        this.loops = new EventLoop[eventLoops];
        for (int i = 0; i < eventLoops; i++) {
            loops[i] = new EventLoop("rtmpflow-loop-" + i, ctx.time());
        }
        this.tls = tlsOptions == null ? null
                : new TlsListener(tlsOptions, ctx.limiter(), this::dispatchTls, ids);
        try {
            this.acceptor = new Acceptor(bind, ctx.limiter(), this::dispatch, ids);
        } catch (IOException | RuntimeException e) {
            if (tls != null) {
                tls.close();
            }
            throw e;
        }
    }

    /** Starts the loops, then accepting. */
    public void start() {
        for (EventLoop loop : loops) {
            loop.start();
        }
        acceptor.start();
        LOG.info("rtmpflow listening on rtmp://{}:{} with {} event loops", acceptor.localAddress().getHostString(),
                acceptor.localAddress().getPort(), loops.length);
        if (tls != null) {
            tls.start();
            LOG.info("rtmpflow listening on rtmps://{}:{}", tls.localAddress().getHostString(),
                    tls.localAddress().getPort());
        }
    }

    /** Returns the RTMPS listener's bound address, or null without one. */
    public InetSocketAddress tlsAddress() {
        return tls == null ? null : tls.localAddress();
    }

    /** Returns the RTMPS listener, or null without one. */
    public TlsListener tlsListener() {
        return tls;
    }

    /** Returns the bound address. */
    public InetSocketAddress localAddress() {
        return acceptor.localAddress();
    }

    /** Returns the shared context. */
    public ServerContext context() {
        return ctx;
    }

    /** Returns the number of open connections. */
    public int openConnections() {
        return connections.size();
    }

    private void dispatch(long id, SocketChannel channel, InetSocketAddress peer) {
        dispatch(id, channel, new PlainTransport(channel), peer);
    }

    private void dispatchTls(long id, SocketChannel channel, InetSocketAddress peer) {
        dispatch(id, channel, tls.newTransport(channel, peer), peer);
    }

    private void dispatch(long id, SocketChannel channel, Transport transport, InetSocketAddress peer) {
        EventLoop loop = loops[Math.floorMod(nextLoop.getAndIncrement(), loops.length)];
        Connection connection = new Connection(id, channel, transport, peer, loop, ctx.limits().maxOutboundBytes(),
                this::onConnectionClosed);
        connections.add(connection);
        loop.execute(() -> open(connection));
        if (closed.get()) {
            // Raced with close(): the loop may have dropped the task.
            loop.execute(() -> connection.close("server closing"));
        }
    }

    private void open(Connection connection) {
        if (closed.get()) {
            abandon(connection);
            return;
        }
        try {
            connection.open(new RtmpConnection(ctx, connection));
        } catch (IOException | RuntimeException e) {
            LOG.warn("[{}] {} cannot register the socket: {}", connection.label(), connection.peer(), e.toString());
            abandon(connection);
        }
    }

    private void abandon(Connection connection) {
        connection.close("not opened");
    }

    private void onConnectionClosed(Connection connection) {
        if (connections.remove(connection)) {
            ctx.limiter().release(connection.peer().getAddress(), !connection.isHandshakeDone());
        }
    }

    /**
     * Stops accepting, asks every publisher that supports Enhanced RTMP reconnect requests to
     * move (NetConnection.Connect.ReconnectRequest), waits until the live streams are gone or
     * {@code drainMillis} passed, then {@link #close()}s.
     */
    public void drainAndClose(long drainMillis) {
        drainAndClose(drainMillis, null);
    }

    /** {@link #drainAndClose(long)} sending {@code reconnectTcUrl} (null: none) in the requests. */
    public void drainAndClose(long drainMillis, String reconnectTcUrl) {
        if (closed.get()) {
            return;
        }
        closeAcceptors();
        for (Connection connection : new ArrayList<>(connections)) {
            connection.loop().execute(() -> {
                if (connection.handler() instanceof RtmpConnection rtmp) {
                    rtmp.requestReconnect(reconnectTcUrl, "Server shutting down");
                }
            });
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
        try {
            while (ctx.registry().liveCount() > 0 && System.nanoTime() - deadline < 0) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Closes gracefully; idempotent, blocks until done (or about 10 s at most per step). */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("rtmpflow closing: {} connections, {} live streams", connections.size(),
                ctx.registry().liveCount());
        closeAcceptors();
        ctx.registry().stopAccepting();
        for (Connection connection : new ArrayList<>(connections)) {
            // What is queued (a reconnect request, a last status) still goes out, briefly.
            connection.loop().execute(() -> connection.closeAfterFlush("server closing", CLOSE_FLUSH_NANOS));
        }
        waitForConnections(TimeUnit.NANOSECONDS.toMillis(CLOSE_FLUSH_NANOS) + 1000, false);
        for (Connection connection : new ArrayList<>(connections)) {
            // A peer that does not read (or an injected clock that stands still) is cut off now.
            connection.loop().execute(() -> connection.close("server closing"));
        }
        waitForConnections(CLOSE_WAIT_MILLIS, true);
        ctx.registry().completeAll();
        if (ctx.recordings() != null) {
            ctx.recordings().awaitFinished(CLOSE_WAIT_MILLIS);
        }
        for (EventLoop loop : loops) {
            loop.shutdown();
        }
        awaitLoops();
        LOG.info("rtmpflow closed");
    }

    private void closeAcceptors() {
        acceptor.close();
        if (tls != null) {
            tls.close();
        }
    }

    private void waitForConnections(long millis, boolean warn) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            while (!connections.isEmpty() && System.nanoTime() - deadline < 0) {
                // The loops close their connections; this thread only waits (no busy spin).
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (warn && !connections.isEmpty()) {
            LOG.warn("{} connections still open after {} ms", connections.size(), millis);
        }
    }

    private void awaitLoops() {
        List<EventLoop> stuck = new ArrayList<>();
        for (EventLoop loop : loops) {
            try {
                if (!loop.awaitTermination(CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    stuck.add(loop);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!stuck.isEmpty()) {
            LOG.warn("{} event loops did not stop in time", stuck.size());
        }
    }
}
