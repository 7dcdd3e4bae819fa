package io.github.rtmpflow.server.internal;

import io.github.rtmpflow.server.TlsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;

/**
 * The RTMPS listener: its acceptor (bound at construction) and its reloading TLS context. Each
 * accepted socket gets a {@link TlsTransport} with a fresh server-mode engine from the current
 * context, TLS 1.3 and 1.2 enabled.
 */
public final class TlsListener implements AutoCloseable {

    /** Protocols offered, newest first; older ones are not enabled. */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final TlsOptions options;
    private final ReloadingTlsContext context;
    private final Acceptor acceptor;

    /**
     * Loads the credentials and binds the listening socket.
     *
     * @param dispatcher takes accepted sockets to the loops; it calls {@link #newTransport}
     * @throws IOException when the credentials are unusable or the address cannot be bound
     */
    public TlsListener(TlsOptions options, ConnectionLimiter limiter, Acceptor.Dispatcher dispatcher,
            AtomicLong ids) throws IOException {
        this.options = options;
        this.context = new ReloadingTlsContext(options.credentials(), options.reloadInterval());
        try {
            this.acceptor = new Acceptor(options.bind(), limiter, dispatcher, ids);
        } catch (IOException | RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** Returns the bound address, with the actual port. */
    public InetSocketAddress localAddress() {
        return acceptor.localAddress();
    }

    /** Returns the reloading context (tests force a reload check with it). */
    public ReloadingTlsContext context() {
        return context;
    }

    /** Starts accepting. */
    public void start() {
        acceptor.start();
    }

    /** Returns a TLS transport for an accepted socket, with an engine of the current context. */
    public Transport newTransport(SocketChannel channel, InetSocketAddress peer) {
        SSLEngine engine = context.current().context().createSSLEngine(peer.getHostString(), peer.getPort());
        engine.setUseClientMode(false);
        List<String> enabled = new ArrayList<>(PROTOCOLS);
        enabled.retainAll(Arrays.asList(engine.getSupportedProtocols()));
        engine.setEnabledProtocols(enabled.toArray(new String[0]));
        return new TlsTransport(channel, engine, options.handshakeTimeout().toNanos());
    }

    /** Stops accepting and stops the reload polling; open connections are not touched. */
    @Override
    public void close() {
        acceptor.close();
        context.close();
    }
}
