package io.github.rtmpflow.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.server.RtmpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The player mode against rtmpflow's own server: many players of one published stream. */
class LoadPlayersTest {

    private static final int PLAYERS = 12;

    @Test
    void shouldHoldEveryPlayerOfOneStreamWithoutDrops() throws Exception {
        try (RtmpServer server = RtmpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).eventLoops(2).start()) {
            LoadOptions options = LoadOptions.parse("--url", "rtmp://127.0.0.1:" + server.localAddress().getPort()
                    + "/live", "--publishers", "1", "--players", "" + PLAYERS, "--bitrate", "1000", "--paced",
                    "--duration", "2", "--threads", "2");

            LoadReport report = LoadGenerator.run(options);

            assertThat(report.failures()).isEmpty();
            assertThat(report.ok()).isEqualTo(1);
            assertThat(report.playersOk()).isEqualTo(PLAYERS);
            assertThat(report.playersNoDrops()).isEqualTo(PLAYERS);
            assertThat(report.missedFrames()).isZero();
            // Every player received the whole stream: at least what the publisher sent after its headers.
            assertThat(report.playMessages()).isGreaterThanOrEqualTo(PLAYERS * (report.messages() - 3));
            assertThat(report.latencySamples()).isPositive();
            assertThat(report.resultLine()).contains("players=" + PLAYERS + " players_ok=" + PLAYERS)
                    .contains("players_no_drops=" + PLAYERS + " play_missed_frames=0");
        }
    }
}
