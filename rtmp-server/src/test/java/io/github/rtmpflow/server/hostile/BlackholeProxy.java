package io.github.rtmpflow.server.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP proxy for one connection that plays a network cut: it relays both ways until
 * {@link #cut()}, then forwards nothing more in either direction and keeps both sockets open,
 * so the server sees neither FIN nor RST, only silence (as when a cable is pulled or a NAT
 * forgets the flow), and its own bytes are no longer read.
 */
final class BlackholeProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private volatile boolean cut;
    private volatile Socket client;
    private volatile Socket upstream;

    /** Listens on 127.0.0.1 (any free port) for one client to relay to {@code target}. */
    BlackholeProxy(InetSocketAddress target) {
        this.target = target;
        try {
            this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::relay, "blackhole-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Returns the port clients connect to. */
    int port() {
        return listener.getLocalPort();
    }

    /** Returns the proxy's local port towards the server: the server logs the peer by it. */
    int upstreamLocalPort() {
        return upstream.getLocalPort();
    }

    /** From now on nothing passes, and nothing is closed. */
    void cut() {
        cut = true;
    }

    private void relay() {
        try {
            client = listener.accept();
            upstream = new Socket(target.getAddress(), target.getPort());
            Thread back = new Thread(() -> pump(upstream, client), "blackhole-proxy-back");
            back.setDaemon(true);
            back.start();
            pump(client, upstream);
        } catch (IOException e) {
            // closed by the test
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while (!cut && (n = in.read(buffer)) >= 0) {
                if (cut) {
                    break;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // closed by the test
        }
        // Cut: stop reading and writing, keep the sockets open until close().
    }

    @Override
    public void close() throws IOException {
        listener.close();
        if (client != null) {
            client.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }
}
