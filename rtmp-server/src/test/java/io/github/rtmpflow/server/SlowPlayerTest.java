package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.interop.MediaTags;
import io.github.rtmpflow.server.testing.LogFile;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.RawPlayer;
import io.github.rtmpflow.server.testing.TestServers;
import io.github.rtmpflow.server.testing.TestTags;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A player that does not read, beside one that does: the slow one loses media until keyframes
 * (logged once) and is disconnected at its hard cap; the other gets every tag; the publisher is
 * never held back.
 */
class SlowPlayerTest {

    private static final long BUDGET_BYTES = 64 * 1024;
    private static final long HARD_CAP_BYTES = 256 * 1024;

    @Test
    void shouldDropThenDisconnectAStalledPlayerWhileOthersGetEveryTag() throws Exception {
        // About 15 MB: more than the kernel buffers (up to 4 MB of send buffer here) plus the hard cap.
        List<FlvTag> sent = TestTags.stream(11, 900, 100_000);
        try (RtmpServer server = TestServers.builder().playerBudget(BUDGET_BYTES, HARD_CAP_BYTES).start();
                RawPlayer good = RawPlayer.open(server.localAddress().getPort());
                RawPlayer stalled = RawPlayer.open(server.localAddress().getPort(), 4096)) {
            good.play("live", "cam1");
            good.awaitStatus(StatusCodes.PLAY_START);
            stalled.connect("live", false);
            // It reads nothing: its commands are answered into a queue it never drains.
            stalled.send(io.github.rtmpflow.core.session.Commands.createStream(2), 3, 0);
            stalled.send(io.github.rtmpflow.core.session.Commands.play(0, "cam1", -2), 8, 1);
            Poll.until("both players attached", () -> server.openConnections() == 2 && logLines("playing live/cam1") == 2);

            try (RtmpClient publisher = RtmpClient.connect(TestServers.url(server, "live"))) {
                publisher.publish("cam1");
                int gopStart = 0;
                for (int i = 0; i < sent.size(); i++) {
                    publisher.send(sent.get(i));
                    if (sent.get(i).isKeyframe() && i > 0) {
                        // Keep the reading player within a GOP of the publisher: its budget is small.
                        int upTo = i;
                        Poll.until("the good player to catch up", () -> good.media().size() >= upTo - 1);
                        gopStart = i;
                    }
                }
                assertThat(gopStart).isPositive();
                Poll.until("every tag at the good player", () -> good.media().size() == sent.size() - 1);
            }
            Poll.until("the stalled player to be disconnected", () -> logLines("disconnected: its outbound queue") == 1);
            stalled.resumeReading();
            Poll.until("the stalled player to see the close", stalled::serverClosed);

            MediaTags.assertSame("good player", sent.subList(1, sent.size()), good.media());
            assertThat(portLines("falling behind", good.localPort())).isZero();
            // One WARN per episode: an episode ends only when the player is back under its budget.
            long episodes = portLines("falling behind", stalled.localPort());
            assertThat(episodes).isPositive().isEqualTo(portLines("caught up", stalled.localPort()) + 1);
            assertThat(portLines("disconnected", stalled.localPort())).isEqualTo(1);
            List<FlvTag> partial = stalled.media();
            assertThat(partial.size()).isLessThan(sent.size() / 2);
            MediaTags.assertKeyframeAlignedSubsequence("stalled player", sent.subList(1, sent.size()), partial);
        }
    }

    private static long logLines(String text) {
        return log().lines().filter(l -> l.contains(text) && l.contains("live/cam1")).count();
    }

    private static long portLines(String text, int port) {
        return log().lines().filter(l -> l.contains(text) && l.contains(":" + port + " ")).count();
    }

    private static String log() {
        try {
            return LogFile.read();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
