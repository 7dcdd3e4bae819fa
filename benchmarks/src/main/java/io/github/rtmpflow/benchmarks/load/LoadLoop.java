package io.github.rtmpflow.benchmarks.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One selector thread and the connections it owns. Each wake-up ticks every connection (starts,
 * deadlines, paced media that is due) and then handles the ready keys; it sleeps until the
 * earliest deadline, in whole milliseconds. The loop ends when all its connections are closed.
 *
 * <p>Owns one direct read buffer and a pool of direct output buffers that connections borrow
 * while they have bytes to send. Everything here is confined to the loop's thread; the
 * statistics are read after {@link Thread#join()}.
 */
final class LoadLoop implements Runnable {

    private static final int READ_BUFFER_BYTES = 256 * 1024;

    private final Selector selector;
    private final InetSocketAddress address;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final ArrayDeque<ByteBuffer> pool = new ArrayDeque<>();
    private final int outputBufferBytes;
    private final SplittableRandom random;
    private final List<ClientConnection> connections = new ArrayList<>();
    private final LatencyHistogram lag = new LatencyHistogram();
    private final LatencyHistogram playLatency = new LatencyHistogram();
    private int buffersAllocated;

    /**
     * Creates a loop.
     *
     * @param address the server
     * @param outputBufferBytes size of each output buffer: at least one encoded message
     * @param seed seed of the handshake's random bytes
     */
    LoadLoop(InetSocketAddress address, int outputBufferBytes, long seed) {
        this.address = address;
        this.outputBufferBytes = outputBufferBytes;
        this.random = new SplittableRandom(seed);
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Adds a connection before the loop starts. */
    void add(ClientConnection c) {
        connections.add(c);
    }

    @Override
    public void run() {
        try {
            while (true) {
                long now = System.nanoTime();
                long next = Long.MAX_VALUE;
                int open = 0;
                for (int i = 0; i < connections.size(); i++) {
                    ClientConnection c = connections.get(i);
                    if (c.phase() != ClientConnection.Phase.CLOSED) {
                        long t = c.tick(now);
                        if (c.phase() != ClientConnection.Phase.CLOSED) {
                            open++;
                            next = Math.min(next, t);
                        }
                    }
                }
                if (open == 0) {
                    return;
                }
                long waitNanos = next - System.nanoTime();
                if (waitNanos <= 0) {
                    selector.selectNow(this::onReady);
                } else {
                    selector.select(this::onReady, Math.max(1, (waitNanos + 999_999) / 1_000_000));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ClientConnection c : connections) {
                c.fail("load loop ended");
            }
            try {
                selector.close();
            } catch (IOException e) {
                // nothing left to release
            }
        }
    }

    private void onReady(SelectionKey key) {
        ((ClientConnection) key.attachment()).onReady(key, System.nanoTime());
    }

    /** Returns an output buffer in filling mode (cleared). */
    ByteBuffer acquire() {
        ByteBuffer b = pool.poll();
        if (b == null) {
            buffersAllocated++;
            b = ByteBuffer.allocateDirect(outputBufferBytes);
        }
        return b;
    }

    /** Takes a buffer back; the caller must not use it any more. */
    void release(ByteBuffer b) {
        b.clear();
        pool.push(b);
    }

    Selector selector() {
        return selector;
    }

    InetSocketAddress address() {
        return address;
    }

    /** The shared read buffer; its content is valid only during one read call. */
    ByteBuffer readBuffer() {
        return readBuffer;
    }

    SplittableRandom random() {
        return random;
    }

    /** Lag of paced messages behind real time (recorded when each message is encoded). */
    LatencyHistogram lag() {
        return lag;
    }

    /** Publish-to-delivery latency of stamped video frames seen by players. */
    LatencyHistogram playLatency() {
        return playLatency;
    }

    List<ClientConnection> connections() {
        return connections;
    }

    /** Returns how many output buffers were ever allocated (peak concurrent use). */
    int buffersAllocated() {
        return buffersAllocated;
    }
}
