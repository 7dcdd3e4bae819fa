package io.github.rtmpflow.benchmarks.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * TLS for {@code rtmps://} load (client side, non-blocking, on the connection's loop): a
 * {@link ByteChannel} over the socket whose reads unwrap and whose writes wrap. It trusts every
 * certificate: a benchmark against a self-signed test server, never for real use.
 *
 * <p>During the TLS handshake, writes take nothing (the RTMP C0+C1 waits in the output
 * buffer) and each call moves the handshake on; reads return 0 until application bytes come.
 */
final class ClientTls implements ByteChannel {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final SSLContext TRUST_ALL = trustAll();

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final ByteBuffer netIn;
    private final ByteBuffer netOut;
    private boolean handshakeDone;

    ClientTls(SocketChannel channel, String host, int port) throws IOException {
        this.channel = channel;
        this.engine = TRUST_ALL.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(4 * packet);
        this.netOut = ByteBuffer.allocate(4 * packet);
        engine.beginHandshake();
    }

    @Override
    public int read(ByteBuffer destination) throws IOException {
        int produced = 0;
        while (true) {
            netIn.flip();
            SSLEngineResult result = engine.unwrap(netIn, destination);
            netIn.compact();
            produced += result.bytesProduced();
            handshake(result.getHandshakeStatus());
            if (result.getStatus() == Status.CLOSED) {
                return produced > 0 ? produced : -1;
            }
            if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                return produced;
            }
            if (result.getStatus() == Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0) {
                int n = channel.read(netIn);
                if (n < 0) {
                    return produced > 0 ? produced : -1;
                }
                if (n == 0) {
                    return produced;
                }
            }
        }
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        if (!flush()) {
            return 0;
        }
        if (!handshakeDone) {
            handshake(engine.getHandshakeStatus());
            if (!handshakeDone || !flush()) {
                return 0;
            }
        }
        int consumed = 0;
        while (source.hasRemaining()) {
            SSLEngineResult result = engine.wrap(source, netOut);
            consumed += result.bytesConsumed();
            if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                if (!flush()) {
                    break;
                }
            } else if (result.getStatus() != Status.OK) {
                throw new IOException("TLS closed: " + result.getStatus());
            }
        }
        flush();
        return consumed;
    }

    /** Sends close_notify (best effort) before the caller's TCP half-close. */
    void closeOutbound() throws IOException {
        engine.closeOutbound();
        while (!engine.isOutboundDone()) {
            if (engine.wrap(EMPTY, netOut).bytesProduced() == 0) {
                break;
            }
        }
        flush();
    }

    private void handshake(HandshakeStatus initial) throws IOException {
        HandshakeStatus status = initial;
        while (true) {
            switch (status) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                    status = engine.getHandshakeStatus();
                }
                case NEED_WRAP -> {
                    SSLEngineResult result = engine.wrap(EMPTY, netOut);
                    flush();
                    status = result.getHandshakeStatus();
                    if (result.getStatus() == Status.CLOSED) {
                        return;
                    }
                }
                case FINISHED -> {
                    handshakeDone = true;
                    return;
                }
                default -> {
                    if (status == HandshakeStatus.NOT_HANDSHAKING) {
                        handshakeDone = true;
                    }
                    return;
                }
            }
        }
    }

    /** Writes what waits in netOut; returns whether it all went. */
    private boolean flush() throws IOException {
        netOut.flip();
        channel.write(netOut);
        boolean all = !netOut.hasRemaining();
        netOut.compact();
        return all;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static SSLContext trustAll() {
        TrustManager any = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {any}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
