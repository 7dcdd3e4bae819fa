package io.github.rtmpflow.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.AudioCodec;
import io.github.rtmpflow.flv.OverflowPolicy;
import io.github.rtmpflow.flv.SubscriberStatistics;
import io.github.rtmpflow.flv.VideoCodec;
import io.github.rtmpflow.server.StreamStatistics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines the command-line server prints: scripts read them. */
class CliServerTest {

    @Test
    void shouldSummarizeAnEndedStreamInOneLine() {
        Instant start = Instant.parse("2026-01-01T10:00:00Z");
        StreamStatistics statistics = new StreamStatistics("live", "cam1", new InetSocketAddress("127.0.0.1", 5000),
                start, false, 313, 78_417, 122, 190, 4, 3967, 158_000, 30, VideoCodec.AVC, AudioCodec.AAC, 640, 360,
                List.of(subscriber("recorder", 0), subscriber("slow", 7), subscriber("fast", 5)));

        String line = CliServer.summaryLine(statistics, start.plusMillis(4102));

        assertThat(line).isEqualTo("ended live/cam1: tags=313 video=122 audio=190 keyframes=4 bytes=78417"
                + " duration=3.967s wall=4.102s dropped=12");
    }

    @Test
    void shouldBracketIpv6HostsInUrls() throws Exception {
        assertThat(CliServer.url("rtmp", new InetSocketAddress(InetAddress.getByName("::1"), 1935)))
                .isEqualTo("rtmp://[0:0:0:0:0:0:0:1]:1935");
        assertThat(CliServer.url("rtmp", new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0)))
                .isEqualTo("rtmp://127.0.0.1:0");
    }

    private static SubscriberStatistics subscriber(String name, long dropped) {
        return new SubscriberStatistics(name, OverflowPolicy.DROP_UNTIL_KEYFRAME, 100, 1000, dropped, dropped * 10,
                0, 0);
    }
}
