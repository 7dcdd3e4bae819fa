package io.github.rtmpflow.server.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy for one connection that breaks it mid-message: it forwards the client's bytes to
 * the server until {@code cutAfterBytes} have passed, then forwards only the first half of the
 * next read (so the server gets part of an RTMP message, never its end) and closes both sides.
 * The server's bytes go back to the client untouched until then.
 */
public final class CuttingProxy implements AutoCloseable {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final long cutAfterBytes;
    private final AtomicLong forwarded = new AtomicLong();
    private final CompletableFuture<Long> cut = new CompletableFuture<>();
    private volatile Socket client;
    private volatile Socket upstream;

    /** Listens on 127.0.0.1 (any free port) for one client to relay to {@code target}. */
    public CuttingProxy(InetSocketAddress target, long cutAfterBytes) {
        this.target = target;
        this.cutAfterBytes = cutAfterBytes;
        try {
            this.listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::relay, "cutting-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Returns the port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Completes with the number of client bytes the server got, once the connection is cut. */
    public CompletableFuture<Long> cut() {
        return cut;
    }

    private void relay() {
        try {
            client = listener.accept();
            upstream = new Socket(target.getAddress(), target.getPort());
            Thread back = new Thread(() -> pump(upstream, client), "cutting-proxy-back");
            back.setDaemon(true);
            back.start();
            forwardUntilCut(client.getInputStream(), upstream.getOutputStream());
        } catch (IOException e) {
            cut.completeExceptionally(e);
        } finally {
            close();
        }
    }

    private void forwardUntilCut(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER_BYTES];
        while (true) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the client ended after " + forwarded.get() + " bytes, before the cut");
            }
            if (forwarded.get() >= cutAfterBytes && n >= 2) {
                out.write(buffer, 0, n / 2);
                out.flush();
                cut.complete(forwarded.addAndGet(n / 2));
                return;
            }
            out.write(buffer, 0, n);
            forwarded.addAndGet(n);
        }
    }

    private static void pump(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // The proxy closed the sockets: the relay is over.
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
        closeQuietly(upstream);
        try {
            listener.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing is all we wanted.
            }
        }
    }
}
