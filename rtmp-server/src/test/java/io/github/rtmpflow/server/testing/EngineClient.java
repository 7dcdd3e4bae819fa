package io.github.rtmpflow.server.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;

/**
 * A blocking TLS client on a raw {@link SSLEngine}, for tests that must see the TLS records
 * themselves: unlike {@code SSLSocket}, it tells a close_notify from a bare TCP close.
 */
public final class EngineClient implements AutoCloseable {

    /** How the server's side of the connection ended. */
    public enum Ending {
        /** A close_notify arrived before the TCP stream ended. */
        CLOSE_NOTIFY,
        /** The TCP stream ended without a close_notify (a truncation in TLS terms). */
        TCP_CLOSE_ONLY
    }

    private final SocketChannel channel;
    private final SSLEngine engine;
    private final ByteBuffer netIn = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer netOut = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer appIn = ByteBuffer.allocate(64 * 1024);

    private EngineClient(SocketChannel channel, SSLEngine engine) {
        this.channel = channel;
        this.engine = engine;
    }

    /** Connects to 127.0.0.1:{@code port} with {@code protocol} and completes the handshake. */
    public static EngineClient connect(int port, String protocol) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        SSLEngine engine = TlsClients.trustAll().createSSLEngine("localhost", port);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[] {protocol});
        EngineClient client = new EngineClient(channel, engine);
        engine.beginHandshake();
        client.pump();
        return client;
    }

    /** Sends close_notify (TLS 1.3 half-close: the server may still send). */
    public void sendCloseNotify() throws IOException {
        engine.closeOutbound();
        pump();
    }

    /** Reads until the server's side ends and says how it ended; application bytes are dropped. */
    public Ending awaitEnd() throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult result = engine.unwrap(netIn, appIn.clear());
            netIn.compact();
            if (result.getStatus() == Status.CLOSED) {
                return Ending.CLOSE_NOTIFY;
            }
            if (result.getStatus() == Status.BUFFER_UNDERFLOW || result.bytesConsumed() == 0) {
                if (channel.read(netIn) < 0) {
                    return Ending.TCP_CLOSE_ONLY;
                }
            }
        }
    }

    /** Drives the engine until it waits for the peer with nothing left to do. */
    private void pump() throws IOException {
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            if (status == HandshakeStatus.NEED_TASK) {
                Runnable task;
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
            } else if (status == HandshakeStatus.NEED_WRAP) {
                engine.wrap(ByteBuffer.allocate(0), netOut.clear());
                netOut.flip();
                while (netOut.hasRemaining()) {
                    channel.write(netOut);
                }
            } else if (status == HandshakeStatus.NEED_UNWRAP) {
                netIn.flip();
                SSLEngineResult result = engine.unwrap(netIn, appIn.clear());
                netIn.compact();
                if (result.getStatus() == Status.BUFFER_UNDERFLOW && channel.read(netIn) < 0) {
                    throw new IOException("server closed during the TLS handshake");
                }
                if (result.getStatus() == Status.CLOSED) {
                    return;
                }
            } else {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
