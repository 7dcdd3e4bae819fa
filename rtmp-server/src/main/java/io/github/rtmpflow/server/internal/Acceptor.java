package io.github.rtmpflow.server.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts sockets on its own thread, applies the connection limits at once (a refused socket
 * is closed with a WARN line, costing nothing else) and hands accepted ones to the loops.
 */
public final class Acceptor {

    private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);
    private static final int BACKLOG = 1024;
    private static final long ACCEPT_ERROR_PAUSE_MILLIS = 50;

    /** Takes an accepted, counted socket to a loop; must not block. */
    public interface Dispatcher {
        /**
         * Hands over a socket the limiter counted; the receiver releases it when it closes.
         *
         * @param id the connection id
         * @param channel the socket, still in blocking mode
         * @param peer its remote address
         */
        void dispatch(long id, SocketChannel channel, InetSocketAddress peer);
    }

    private final ServerSocketChannel server;
    private final InetSocketAddress localAddress;
    private final ConnectionLimiter limiter;
    private final Dispatcher dispatcher;
    private final AtomicLong ids;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;

    /**
     * Binds the listening socket at once, so the bound port is known before {@link #start()}.
     *
     * @param bind the address to listen on (port 0 for any free port)
     * @param limiter the connection limits
     * @param dispatcher where accepted sockets go
     * @param ids the connection id sequence
     * @throws IOException when the address cannot be bound
     */
    public Acceptor(InetSocketAddress bind, ConnectionLimiter limiter, Dispatcher dispatcher, AtomicLong ids)
            throws IOException {
        this.limiter = limiter;
        this.dispatcher = dispatcher;
        this.ids = ids;
        this.server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(bind, BACKLOG);
            this.localAddress = (InetSocketAddress) server.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        this.thread = new Thread(this::run, "rtmpflow-acceptor-" + localAddress.getPort());
        this.thread.setDaemon(true);
    }

    /** Returns the bound address, with the actual port. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** Starts accepting. */
    public void start() {
        thread.start();
    }

    /** Stops accepting and closes the listening socket; waits briefly for the thread. */
    public void close() {
        running = false;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("listening socket close failed", e);
        }
        try {
            stopped.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (running) {
                SocketChannel channel;
                try {
                    channel = server.accept();
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException e) {
                    if (!running) {
                        return;
                    }
                    // E.g. out of file descriptors: pause instead of spinning on the error.
                    LOG.warn("accept failed on {}: {}", localAddress, e.toString());
                    pause();
                    continue;
                }
                onAccepted(channel);
            }
        } finally {
            stopped.countDown();
        }
    }

    private void onAccepted(SocketChannel channel) {
        long id = ids.incrementAndGet();
        InetSocketAddress peer;
        try {
            peer = (InetSocketAddress) channel.getRemoteAddress();
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException e) {
            LOG.debug("[c{}] accepted socket already gone: {}", id, e.toString());
            closeQuietly(channel);
            return;
        }
        ConnectionLimiter.Verdict verdict = limiter.tryAcquire(peer.getAddress());
        if (verdict != ConnectionLimiter.Verdict.ACCEPTED) {
            LOG.warn("[c{}] {} refused: {} (limits: connections={}, perAddress={}, inHandshake={})", id, peer,
                    describe(verdict), limiter.limits().maxConnections(), limiter.limits().maxConnectionsPerAddress(),
                    limiter.limits().maxConnectionsInHandshake());
            closeQuietly(channel);
            return;
        }
        LOG.debug("[c{}] accepted {}", id, peer);
        try {
            dispatcher.dispatch(id, channel, peer);
        } catch (RuntimeException e) {
            LOG.warn("[c{}] {} dispatch failed", id, peer, e);
            limiter.release(peer.getAddress(), true);
            closeQuietly(channel);
        }
    }

    private static String describe(ConnectionLimiter.Verdict verdict) {
        switch (verdict) {
            case TOO_MANY_CONNECTIONS:
                return "max connections reached";
            case TOO_MANY_FROM_ADDRESS:
                return "max connections per address reached";
            case TOO_MANY_IN_HANDSHAKE:
                return "max connections in handshake reached";
            default:
                return verdict.name();
        }
    }

    private void pause() {
        try {
            Thread.sleep(ACCEPT_ERROR_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("close failed", e);
        }
    }
}
