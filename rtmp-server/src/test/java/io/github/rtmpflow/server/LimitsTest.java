package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.client.RtmpRefusedException;
import io.github.rtmpflow.server.testing.CaptureReplay;
import io.github.rtmpflow.server.testing.LogFile;
import io.github.rtmpflow.server.testing.ManualTime;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestServers;
import io.github.rtmpflow.server.testing.TestTags;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every limit closes only the offending connection; the others keep working. */
class LimitsTest {

    /** C0 + C1 + C2 of FFmpeg's capture: a complete client handshake. */
    private static final byte[] HANDSHAKE = java.util.Arrays.copyOf(CaptureReplay.fixture("ffmpeg_publish_c2s.bin"), 3073);

    @Test
    void shouldCloseConnectionsBeyondMaxConnectionsOnly() throws Exception {
        RtmpServer server = TestServers.builder().limits(ServerLimits.DEFAULTS.withMaxConnections(2)).start();
        try (RtmpClient first = RtmpClient.connect(TestServers.url(server, "live"));
                RtmpClient second = RtmpClient.connect(TestServers.url(server, "live"));
                CaptureReplay third = CaptureReplay.open(server.localAddress().getPort())) {
            third.serverClosed().get(30, TimeUnit.SECONDS);

            publishSome(first, "a");
            publishSome(second, "b");
        } finally {
            server.close();
        }
        assertThat(LogFile.read()).contains("refused: max connections reached");
    }

    @Test
    void shouldCloseConnectionsBeyondThePerAddressBoundOnlyForThatAddress() throws Exception {
        RtmpServer server = TestServers.builder().limits(ServerLimits.DEFAULTS.withMaxConnectionsPerAddress(2)).start();
        int port = server.localAddress().getPort();
        InetAddress other = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        try (CaptureReplay first = CaptureReplay.open(port);
                CaptureReplay second = CaptureReplay.open(port);
                CaptureReplay third = CaptureReplay.open(port);
                CaptureReplay fromElsewhere = CaptureReplay.open(port, other)) {
            third.serverClosed().get(30, TimeUnit.SECONDS);

            for (CaptureReplay accepted : List.of(first, second, fromElsewhere)) {
                accepted.send(HANDSHAKE);
                Poll.until("S0+S1+S2", () -> accepted.received() >= 3073);
                assertThat(accepted.serverClosed()).isNotDone();
            }
        } finally {
            server.close();
        }
        assertThat(LogFile.read()).contains("refused: max connections per address reached");
    }

    @Test
    void shouldBoundConnectionsStillInTheHandshake() throws Exception {
        RtmpServer server = TestServers.builder()
                .limits(ServerLimits.DEFAULTS.withMaxConnectionsInHandshake(2)).start();
        int port = server.localAddress().getPort();
        try (CaptureReplay first = CaptureReplay.open(port);
                CaptureReplay second = CaptureReplay.open(port)) {
            try (CaptureReplay third = CaptureReplay.open(port)) {
                third.serverClosed().get(30, TimeUnit.SECONDS);
            }
            first.send(HANDSHAKE);
            Poll.until("first handshake", () -> first.received() >= 3073);

            // One slot in the handshake is free again: a new encoder gets through.
            try (RtmpClient late = RtmpClient.connect(TestServers.url(server, "live"))) {
                publishSome(late, "late");
            }
            assertThat(first.serverClosed()).isNotDone();
            assertThat(second.serverClosed()).isNotDone();
        } finally {
            server.close();
        }
        assertThat(LogFile.read()).contains("refused: max connections in handshake reached");
    }

    @Test
    void shouldCloseAStalledHandshakeAfterTheHandshakeTimeout() throws Exception {
        ManualTime time = new ManualTime();
        RtmpServer server = TestServers.builder().timeSource(time).start();
        try (CaptureReplay stalled = CaptureReplay.open(server.localAddress().getPort());
                RtmpClient healthy = RtmpClient.connect(TestServers.url(server, "live"))) {
            // C0+C1 only: the server answers (so its timer runs), then the peer stalls without C2.
            stalled.send(java.util.Arrays.copyOf(HANDSHAKE, 1537));
            Poll.until("S0+S1+S2", () -> stalled.received() >= 3073);
            time.advance(ServerTimeouts.DEFAULTS.handshake().minusSeconds(1));
            assertThat(stalled.serverClosed()).isNotDone();

            time.advance(Duration.ofSeconds(2));

            stalled.serverClosed().get(30, TimeUnit.SECONDS);
            publishSome(healthy, "cam1");
        } finally {
            server.close();
        }
        assertThat(LogFile.read()).contains("handshake not completed within 10000 ms, closing");
    }

    @Test
    void shouldCloseAConnectionSilentForTheIdleTimeoutWhileActiveOnesLive() throws Exception {
        ManualTime time = new ManualTime();
        RtmpServer server = TestServers.builder().timeSource(time).start();
        try (CaptureReplay silent = CaptureReplay.open(server.localAddress().getPort());
                RtmpClient active = RtmpClient.connect(TestServers.url(server, "live"))) {
            silent.send(HANDSHAKE);
            Poll.until("silent handshake", () -> silent.received() >= 3073);
            active.publish("cam1");
            LiveStream stream = server.stream("live", "cam1").orElseThrow();
            List<FlvTag> tags = TestTags.stream(4, 30, 5_000);
            int sent = 0;
            // Steps of 5 s: the silent peer passes the 30 s idle timeout, the active one never does.
            while (!silent.serverClosed().isDone()) {
                assertThat(sent).as("steps of 5 s").isLessThan(tags.size());
                active.send(tags.get(sent++));
                int expected = sent;
                Poll.until("tag read by the server", () -> stream.statistics().tags() == expected);
                time.advance(Duration.ofSeconds(5));
            }
            assertThat(sent).isGreaterThanOrEqualTo(6);
            assertThat(stream.isLive()).isTrue();
        } finally {
            server.close();
        }
        assertThat(LogFile.read()).contains("sent nothing for");
    }

    @Test
    void shouldRefuseAPublishBeyondMaxStreams() throws Exception {
        RtmpServer server = TestServers.builder().limits(ServerLimits.DEFAULTS.withMaxStreams(1)).start();
        try (RtmpClient first = RtmpClient.connect(TestServers.url(server, "live"));
                RtmpClient second = RtmpClient.connect(TestServers.url(server, "live"))) {
            first.publish("one");
            assertThatThrownBy(() -> second.publish("two"))
                    .isInstanceOfSatisfying(RtmpRefusedException.class,
                            e -> assertThat(e.code()).isEqualTo(StatusCodes.PUBLISH_BAD_NAME));
            assertThat(server.streams()).extracting(LiveStream::path).containsExactly("live/one");
        } finally {
            server.close();
        }
    }

    @Test
    void shouldCloseAPeerThatBreaksTheProtocolAndNothingElse() throws Exception {
        RtmpServer server = TestServers.builder().start();
        try (RtmpClient good = RtmpClient.connect(TestServers.url(server, "live"));
                CaptureReplay bad = CaptureReplay.open(server.localAddress().getPort())) {
            good.publish("cam1");
            bad.send(HANDSHAKE);
            // Set Chunk Size 0 on chunk stream 2: forbidden by the spec.
            bad.send(java.util.HexFormat.of().parseHex("02000000000004010000000000000000"));
            bad.serverClosed().get(30, TimeUnit.SECONDS);
            for (FlvTag tag : TestTags.stream(5, 10, 5_000)) {
                good.send(tag);
            }
            assertThat(server.stream("live", "cam1")).isPresent();
        } finally {
            server.close();
        }
        assertThat(LogFile.read()).contains("protocol error, closing: BAD_CHUNK_SIZE");
    }

    private static void publishSome(RtmpClient client, String name) throws Exception {
        client.publish(name);
        for (FlvTag tag : TestTags.stream(6, 5, 5_000)) {
            client.send(tag);
        }
    }
}
