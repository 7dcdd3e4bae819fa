package io.github.rtmpflow.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local plain-TCP to TLS relay (like stunnel in client mode), so the plain {@code RtmpClient}
 * can talk to the RTMPS listener: each accepted socket gets an {@code SSLSocket} to the target
 * and two pump threads. Half-closes are passed on (FIN becomes close_notify and back).
 */
public final class TlsProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final int targetPort;
    private final String protocol;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private TlsProxy(int targetPort, String protocol) throws IOException {
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.targetPort = targetPort;
        this.protocol = protocol;
        Thread acceptor = new Thread(this::accept, "tls-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Starts a relay to the RTMPS listener on 127.0.0.1:{@code targetPort}, offering {@code protocol}. */
    public static TlsProxy start(int targetPort, String protocol) throws IOException {
        return new TlsProxy(targetPort, protocol);
    }

    /** Returns {@code rtmp://127.0.0.1:<proxy port>/<app>}: a plain URL that ends in TLS. */
    public String url(String app) {
        return "rtmp://127.0.0.1:" + listener.getLocalPort() + "/" + app;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket plain = listener.accept();
                Socket tls = TlsClients.connect(targetPort, protocol);
                tls.setSoTimeout(0);
                sockets.add(plain);
                sockets.add(tls);
                pump(plain, tls, true);
                pump(tls, plain, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void pump(Socket from, Socket to, boolean toTls) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
                to.shutdownOutput();
            } catch (IOException e) {
                closeQuietly(to);
                closeQuietly(from);
            }
        }, toTls ? "tls-proxy-up" : "tls-proxy-down");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already gone.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }
}
