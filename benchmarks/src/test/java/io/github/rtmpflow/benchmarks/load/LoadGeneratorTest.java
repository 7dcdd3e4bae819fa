package io.github.rtmpflow.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.benchmarks.baseline.DiscardServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoadGeneratorTest {

    private static final int PUBLISHERS = 4;
    private static final long DELIVERY_DEADLINE_NANOS = 20_000_000_000L;

    @ParameterizedTest
    @CsvSource({
        "simple, --fast, 4096",
        "digest, --paced, 128",
    })
    void shouldPublishEveryConnectionToTheDiscardServerAndDeliverEveryByte(String handshake, String pace,
            String chunkSize) throws Exception {
        try (DiscardServer server = DiscardServer.start(new InetSocketAddress("127.0.0.1", 0), 2)) {
            LoadOptions options = LoadOptions.parse("--url", "rtmp://127.0.0.1:" + server.port() + "/live",
                    "--publishers", "" + PUBLISHERS, "--duration", "2", "--handshake", handshake, pace,
                    "--chunk-size", chunkSize, "--extended-timestamp-start", "--threads", "2", "--source-addresses", "3");

            LoadReport report = LoadGenerator.run(options);

            assertThat(report.failures()).isEmpty();
            assertThat(report.ok()).isEqualTo(PUBLISHERS);
            assertThat(report.failed()).isZero();
            assertThat(report.dropped()).isZero();
            assertThat(report.messages()).isGreaterThan(PUBLISHERS * 3L);
            assertThat(report.bytes()).isPositive();
            assertThat(report.resultLine()).startsWith("RESULT publishers=4 ok=4 failed=0 dropped=0");
            assertThat(awaitBytes(server, report.bytes())).isEqualTo(report.bytes());
            assertThat(server.publishes()).isEqualTo(PUBLISHERS);
        }
    }

    @Test
    void shouldHandleAHandshakeReplyThatArrivesInPieces() throws Exception {
        try (DiscardServer server = DiscardServer.start(new InetSocketAddress("127.0.0.1", 0), 1);
                SplittingProxy proxy = new SplittingProxy(server.port())) {
            LoadOptions options = LoadOptions.parse("--url", "rtmp://127.0.0.1:" + proxy.port() + "/live",
                    "--duration", "0.5");

            LoadReport report = LoadGenerator.run(options);

            assertThat(report.failures()).isEmpty();
            assertThat(report.ok()).isEqualTo(1);
            assertThat(proxy.splitHappened()).isTrue();
        }
    }

    /** Polls until the server has read {@code expected} bytes or the deadline passes; returns what it read. */
    private static long awaitBytes(DiscardServer server, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_DEADLINE_NANOS;
        while (server.bytesReceived() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return server.bytesReceived();
    }

    /**
     * A one-connection proxy that hands the client S0+S1 first and the rest (S2 and all later
     * bytes) only after the client's C2 went through, so the client surely reads a handshake
     * reply that is not complete yet.
     */
    private static final class SplittingProxy implements AutoCloseable {
        private static final int S0_S1 = 1 + 1536;
        private static final int C0_C1_C2 = 1 + 1536 + 1536;

        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final CountDownLatch c2Forwarded = new CountDownLatch(1);
        private final AtomicBoolean split = new AtomicBoolean();
        private final Thread acceptor;

        SplittingProxy(int serverPort) throws IOException {
            acceptor = new Thread(() -> run(serverPort), "splitting-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        boolean splitHappened() {
            return split.get();
        }

        private void run(int serverPort) {
            try (Socket client = listener.accept(); Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort)) {
                Thread up = new Thread(() -> pump(client, server, C0_C1_C2, null), "proxy-up");
                up.setDaemon(true);
                up.start();
                pump(server, client, S0_S1, c2Forwarded);
                up.join();
            } catch (IOException | InterruptedException e) {
                // the test sees the outcome through the generator's report
            }
        }

        /**
         * Copies from {@code from} to {@code to}. Upstream ({@code gate} null) it opens the gate
         * after {@code mark} bytes; downstream it stops after {@code mark} bytes until the gate opens.
         */
        private void pump(Socket from, Socket to, int mark, CountDownLatch gate) {
            byte[] buffer = new byte[8192];
            long copied = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                while (true) {
                    int max = gate != null && copied < mark ? (int) Math.min(buffer.length, mark - copied) : buffer.length;
                    int n = in.read(buffer, 0, max);
                    if (n < 0) {
                        to.shutdownOutput();
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                    copied += n;
                    if (gate == null && copied >= mark) {
                        c2Forwarded.countDown();
                    }
                    if (gate != null && copied == mark) {
                        split.set(gate.await(10, TimeUnit.SECONDS));
                    }
                }
            } catch (IOException | InterruptedException e) {
                // a closed socket ends the copy
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
