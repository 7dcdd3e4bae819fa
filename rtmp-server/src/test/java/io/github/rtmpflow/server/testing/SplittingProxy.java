package io.github.rtmpflow.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;

/**
 * A TCP relay for one connection that passes the client's bytes on in small pieces of seeded
 * random sizes, one write (one segment, TCP_NODELAY) each: the server then reads TLS records
 * and RTMP chunks split anywhere, down to single bytes.
 */
public final class SplittingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final Random random;
    private final int maxPiece;
    private volatile Socket client;
    private volatile Socket upstream;

    /**
     * Relays one client to 127.0.0.1:{@code targetPort}.
     *
     * @param maxPiece the largest piece; 1 splits into single bytes
     */
    public SplittingProxy(int targetPort, long seed, int maxPiece) throws IOException {
        this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.random = new Random(seed);
        this.maxPiece = maxPiece;
        Thread thread = new Thread(this::relay, "splitting-proxy");
        thread.setDaemon(true);
        thread.start();
    }

    /** Returns the port to connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    private void relay() {
        try {
            client = listener.accept();
            upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            client.setTcpNoDelay(true);
            upstream.setTcpNoDelay(true);
            Thread down = new Thread(() -> copy(upstream, client, Integer.MAX_VALUE), "splitting-proxy-down");
            down.setDaemon(true);
            down.start();
            copy(client, upstream, maxPiece);
        } catch (IOException e) {
            // The test closed the proxy.
        }
    }

    private void copy(Socket from, Socket to, int piece) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                int offset = 0;
                while (offset < n) {
                    int length = piece == Integer.MAX_VALUE ? n - offset
                            : Math.min(n - offset, 1 + random.nextInt(piece));
                    out.write(buffer, offset, length);
                    out.flush();
                    offset += length;
                }
            }
            to.shutdownOutput();
        } catch (IOException e) {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException e) {
            // Already gone.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        close(client);
        close(upstream);
    }
}
