package io.github.rtmpflow.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.benchmarks.baseline.DiscardServer;
import java.net.InetSocketAddress;
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
                    "--chunk-size", chunkSize, "--extended-timestamp-start", "--threads", "2");

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

    /** Polls until the server has read {@code expected} bytes or the deadline passes; returns what it read. */
    private static long awaitBytes(DiscardServer server, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + DELIVERY_DEADLINE_NANOS;
        while (server.bytesReceived() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return server.bytesReceived();
    }
}
