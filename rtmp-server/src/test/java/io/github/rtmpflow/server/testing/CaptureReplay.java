package io.github.rtmpflow.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Replays a captured client byte stream over a real socket: sends the capture (in seeded random
 * pieces) and only reads and discards what the server answers, on a second thread; the server
 * under test does all the answering.
 */
public final class CaptureReplay implements AutoCloseable {

    private final Socket socket;
    private final CompletableFuture<Long> serverClosed = new CompletableFuture<>();
    private final AtomicLong received = new AtomicLong();

    private CaptureReplay(Socket socket) {
        this.socket = socket;
        Thread reader = new Thread(this::drain, "capture-replay-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a socket to {@code port} on the loopback address. */
    public static CaptureReplay open(int port) throws IOException {
        return new CaptureReplay(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** Opens a socket to {@code port} from the local address {@code from}. */
    public static CaptureReplay open(int port, InetAddress from) throws IOException {
        return new CaptureReplay(new Socket(InetAddress.getLoopbackAddress(), port, from, 0));
    }

    /** Returns the bytes of a fixture under {@code src/test/resources/fixtures}. */
    public static byte[] fixture(String name) {
        try (InputStream in = CaptureReplay.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a file. */
    public static byte[] file(Path path) throws IOException {
        return Files.readAllBytes(path);
    }

    /** Sends {@code bytes[from, to)} in pieces of 1..maxPiece bytes chosen by {@code random}. */
    public void send(byte[] bytes, int from, int to, Random random, int maxPiece) throws IOException {
        OutputStream out = socket.getOutputStream();
        int at = from;
        while (at < to) {
            int n = Math.min(to - at, 1 + random.nextInt(maxPiece));
            out.write(bytes, at, n);
            at += n;
        }
        out.flush();
    }

    /** Sends all of {@code bytes} at once. */
    public void send(byte[] bytes) throws IOException {
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** Half-closes: the server sees the end of the stream after everything sent. */
    public void finishSending() throws IOException {
        socket.shutdownOutput();
    }

    /** Completes with the bytes received once the server closed its side (or the socket failed). */
    public CompletableFuture<Long> serverClosed() {
        return serverClosed;
    }

    /** Returns the local port: the server's log lines name the peer as {@code /127.0.0.1:<port>}. */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** Returns the bytes received so far. */
    public long received() {
        return received.get();
    }

    /** Closes the socket at once. */
    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void drain() {
        byte[] buffer = new byte[65536];
        try {
            InputStream in = socket.getInputStream();
            int n;
            while ((n = in.read(buffer)) >= 0) {
                received.addAndGet(n);
            }
        } catch (IOException e) {
            // reset or closed locally: the server side is gone as far as this test cares
        }
        serverClosed.complete(received.get());
    }
}
