package io.github.rtmpflow.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EventLoopTest {

    private final AtomicLong clock = new AtomicLong();
    private final EventLoop loop = new EventLoop("test-loop", clock::get);

    @AfterEach
    void stop() throws InterruptedException {
        loop.shutdown();
        assertThat(loop.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldRunTasksFromOtherThreadsOnTheLoopInOrder() throws Exception {
        loop.start();
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
        for (int i = 0; i < 100; i++) {
            int n = i;
            loop.execute(() -> seen.add(n));
        }
        loop.execute(() -> onLoop.complete(loop.inLoop()));

        assertThat(onLoop.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(100).isSorted();
    }

    @Test
    void shouldRunTasksGivenOnTheLoopAfterThoseOtherThreadsGaveBefore() throws Exception {
        loop.start();
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch remoteQueued = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        loop.execute(() -> {
            // Runs on the loop: waits until another thread has queued a task, then queues its own.
            try {
                remoteQueued.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop.execute(() -> seen.add("local"));
            loop.execute(done::countDown);
        });
        loop.execute(() -> seen.add("remote"));
        remoteQueued.countDown();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly("remote", "local");
    }

    @Test
    void shouldSurviveAThrowingTask() throws Exception {
        loop.start();
        CountDownLatch after = new CountDownLatch(1);
        loop.execute(() -> {
            throw new IllegalStateException("boom");
        });
        loop.execute(after::countDown);

        assertThat(after.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldFireTimersWhenTheInjectedClockPassesTheirDeadline() throws Exception {
        loop.start();
        CountDownLatch fired = new CountDownLatch(1);
        CountDownLatch scheduled = new CountDownLatch(1);
        AtomicLong firedAt = new AtomicLong(-1);
        loop.execute(() -> {
            loop.deadlines().schedule(loop.now() + 5_000_000_000L, () -> {
                firedAt.set(clock.get());
                fired.countDown();
            });
            scheduled.countDown();
        });
        assertThat(scheduled.await(10, TimeUnit.SECONDS)).isTrue();

        clock.addAndGet(4_000_000_000L);
        assertThat(fired.await(50, TimeUnit.MILLISECONDS)).isFalse();
        clock.addAndGet(1_000_000_000L);

        assertThat(fired.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(firedAt.get()).isEqualTo(5_000_000_000L);
    }

    /** Echoes every byte; records the close reason. */
    static final class EchoHandler implements ConnectionHandler {
        final CompletableFuture<String> closed = new CompletableFuture<>();
        Connection connection;

        @Override
        public void onOpen(Connection c) {
            connection = c;
        }

        @Override
        public void onRead(ByteBuffer data) {
            ByteBuffer copy = ByteBuffer.allocate(data.remaining());
            copy.put(data).flip();
            connection.send(copy);
        }

        @Override
        public void onClosed(String reason) {
            closed.complete(reason);
        }
    }

    @Test
    void shouldEchoMegabytesToAPeerThatReadsOnlyAfterSendingEverything() throws Exception {
        loop.start();
        byte[] data = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(data);
        EchoHandler handler = new EchoHandler();
        CompletableFuture<Connection> closedConnection = new CompletableFuture<>();
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.socket().getLocalPort())) {
                SocketChannel accepted = server.accept();
                Connection connection = new Connection(1, accepted, (InetSocketAddress) accepted.getRemoteAddress(),
                        loop, 64L * 1024 * 1024, closedConnection::complete);
                loop.execute(() -> {
                    try {
                        connection.open(handler);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                OutputStream out = client.getOutputStream();
                out.write(data);
                out.flush();
                client.shutdownOutput();

                InputStream in = client.getInputStream();
                ByteArrayOutputStream echoed = new ByteArrayOutputStream();
                byte[] chunk = new byte[65536];
                int n;
                while ((n = in.read(chunk)) >= 0) {
                    echoed.write(chunk, 0, n);
                    if (echoed.size() == data.length) {
                        break;
                    }
                }
                byte[] got = echoed.toByteArray();
                assertThat(got.length).isEqualTo(data.length);
                assertThat(java.util.Arrays.mismatch(got, data)).as("first differing byte").isEqualTo(-1);
            }
        }
        assertThat(handler.closed.get(10, TimeUnit.SECONDS)).isNotEmpty();
        assertThat(closedConnection.get(10, TimeUnit.SECONDS).bytesRead()).isEqualTo(data.length);
    }
}
