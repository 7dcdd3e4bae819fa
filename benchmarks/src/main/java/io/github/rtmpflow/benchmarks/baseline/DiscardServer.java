package io.github.rtmpflow.benchmarks.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/**
 * A read-and-discard RTMP server: it answers the handshake and the publish commands like a real
 * server (with the core's {@code ServerHandshake} and {@code ServerSession}), then reads and
 * drops everything without parsing. Run against the same load it shows the ceiling of the
 * machine and of the load generator, the baseline for rtmpflow and nginx-rtmp.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.rtmpflow.benchmarks.baseline.DiscardServer --port 1935
 * </pre>
 *
 * <p>One selector thread per processor (or {@code --threads N}); the first also accepts and
 * hands connections out round-robin. Prints {@code listening on rtmp://host:port} once it
 * accepts; SIGTERM or SIGINT stop it.
 */
public final class DiscardServer implements AutoCloseable {

    private static final int READ_BUFFER_BYTES = 256 * 1024;

    private final ServerSocketChannel server;
    private final List<Loop> loops = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;
    private int nextLoop;

    private DiscardServer(InetSocketAddress bind, int threadCount) throws IOException {
        server = ServerSocketChannel.open();
        server.bind(bind, 1024);
        server.configureBlocking(false);
        for (int i = 0; i < threadCount; i++) {
            loops.add(new Loop(i));
        }
        server.register(loops.get(0).selector, SelectionKey.OP_ACCEPT);
        for (Loop loop : loops) {
            Thread t = new Thread(loop, "discard-loop-" + loop.id);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    /**
     * Binds and starts serving.
     *
     * @param bind address and port (port 0 picks a free one, see {@link #port()})
     * @param threadCount selector threads, at least 1
     * @return the running server
     * @throws IOException when the address cannot be bound
     */
    public static DiscardServer start(InetSocketAddress bind, int threadCount) throws IOException {
        if (threadCount < 1) {
            throw new IllegalArgumentException("threadCount must be positive: threadCount=" + threadCount);
        }
        return new DiscardServer(bind, threadCount);
    }

    /** Returns the port actually bound. */
    public int port() {
        try {
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns all bytes received on all connections so far, handshake included. */
    public long bytesReceived() {
        long sum = 0;
        for (Loop l : loops) {
            sum += l.bytes;
        }
        return sum;
    }

    /** Returns how many publishes were accepted so far. */
    public long publishes() {
        long sum = 0;
        for (Loop l : loops) {
            sum += l.publishes;
        }
        return sum;
    }

    /** Stops accepting, closes every connection and waits for the threads (unless interrupted). */
    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Loop l : loops) {
            l.selector.wakeup();
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Runs the server until SIGTERM/SIGINT.
     *
     * @param args {@code [--bind ADDR] [--port N] [--threads N]}
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        String bind = "127.0.0.1";
        int port = 1935;
        int threads = Runtime.getRuntime().availableProcessors();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--bind" -> bind = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--threads" -> threads = Integer.parseInt(args[i + 1]);
                default -> {
                    System.err.println("usage: DiscardServer [--bind ADDR] [--port N] [--threads N]");
                    System.exit(2);
                }
            }
        }
        DiscardServer s = start(new InetSocketAddress(bind, port), threads);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            s.close();
            System.out.printf(Locale.ROOT, "discard server stopped: %d publishes, %d bytes%n", s.publishes(),
                    s.bytesReceived());
            stopped.countDown();
        }));
        System.out.println("listening on rtmp://" + bind + ":" + s.port());
        System.out.flush();
        stopped.await();
    }

    private void accept() throws IOException {
        for (SocketChannel c = server.accept(); c != null; c = server.accept()) {
            c.configureBlocking(false);
            Loop target = loops.get(nextLoop++ % loops.size());
            target.incoming.add(c);
            target.selector.wakeup();
        }
    }

    /** One selector thread; the statistics are written by it only. */
    final class Loop implements Runnable {
        private final int id;
        private final Selector selector;
        private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
        private final ConcurrentLinkedQueue<SocketChannel> incoming = new ConcurrentLinkedQueue<>();
        private final SplittableRandom random;
        private volatile long bytes;
        private volatile long publishes;

        Loop(int id) throws IOException {
            this.id = id;
            this.selector = Selector.open();
            this.random = new SplittableRandom(id);
        }

        @Override
        public void run() {
            try {
                while (!closed) {
                    selector.select(this::onReady);
                    for (SocketChannel c = incoming.poll(); c != null; c = incoming.poll()) {
                        new DiscardConnection(this, c, random.split());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                for (SelectionKey k : selector.keys()) {
                    if (k.attachment() instanceof DiscardConnection c) {
                        c.close();
                    }
                }
                try {
                    selector.close();
                } catch (IOException e) {
                    // nothing left to release
                }
            }
        }

        private void onReady(SelectionKey key) {
            if (key.attachment() instanceof DiscardConnection c) {
                c.onReady();
                return;
            }
            try {
                accept();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("accept failed: " + e);
                }
            }
        }

        Selector selector() {
            return selector;
        }

        ByteBuffer readBuffer() {
            return readBuffer;
        }

        // Volatile for readers on other threads; this loop's thread is the only writer.
        void countBytes(int n) {
            bytes += n;
        }

        void countPublish() {
            publishes++;
        }
    }
}
