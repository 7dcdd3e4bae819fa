package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.session.Commands;
import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.interop.MediaTags;
import io.github.rtmpflow.server.testing.LogFile;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.RawPlayer;
import io.github.rtmpflow.server.testing.TestServers;
import io.github.rtmpflow.server.testing.TestTags;
import java.util.ArrayList;
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
    private static final int MAX_ROUNDS = 10;
    private static final long ROUND_MILLIS = 10_000;

    @Test
    void shouldDropThenDisconnectAStalledPlayerWhileOthersGetEveryTag() throws Exception {
        // 10 s, 10 GOPs, about 5 MB, published again and again (later timestamps) until the stalled
        // player is cut off: it must first fill the kernel's buffers (up to 4 MB of send buffer on
        // Linux by default), then its budget, then its hard cap.
        List<FlvTag> source = TestTags.stream(11, 300, 100_000);
        List<FlvTag> sent = new ArrayList<>();
        try (RtmpServer server = TestServers.builder().playerBudget(BUDGET_BYTES, HARD_CAP_BYTES).start();
                RawPlayer good = RawPlayer.open(server.localAddress().getPort());
                RawPlayer stalled = RawPlayer.open(server.localAddress().getPort(), 4096)) {
            good.play("live", "cam1");
            good.awaitStatus(StatusCodes.PLAY_START);
            stalled.connect("live", false);
            // It reads nothing: its commands are answered into a queue it never drains.
            stalled.send(Commands.createStream(2), 3, 0);
            stalled.send(Commands.play(0, "cam1", -2), 8, 1);
            Poll.until("both players attached", () -> portLines("playing live/cam1", good.localPort()) == 1
                    && portLines("playing live/cam1", stalled.localPort()) == 1);

            try (RtmpClient publisher = RtmpClient.connect(TestServers.url(server, "live"))) {
                publisher.publish("cam1");
                for (int round = 0; round < MAX_ROUNDS && portLines("disconnected", stalled.localPort()) == 0; round++) {
                    long offset = round * ROUND_MILLIS;
                    // Metadata and sequence headers once; then the frames again.
                    for (FlvTag tag : round == 0 ? source : source.subList(3, source.size())) {
                        FlvTag shifted = tag.withTimestamp(tag.timestamp() + offset);
                        publisher.send(shifted);
                        sent.add(shifted);
                        if (shifted.isKeyframe()) {
                            // Keep the reading player within a GOP of the publisher: its budget is small.
                            int before = sent.size() - 2;
                            Poll.until("the good player to catch up", () -> good.media().size() >= before);
                        }
                    }
                }
                Poll.until("every tag at the good player", () -> good.media().size() == sent.size() - 1);
            }
            Poll.until("the stalled player to be disconnected", () -> portLines("disconnected", stalled.localPort()) == 1);
            stalled.resumeReading();
            Poll.until("the stalled player to see the close", stalled::serverClosed);

            MediaTags.assertSame("good player", sent.subList(1, sent.size()), good.media());
            assertThat(portLines("falling behind", good.localPort())).isZero();
            // One WARN per episode: an episode ends only when the player is back under its budget.
            long episodes = portLines("falling behind", stalled.localPort());
            assertThat(episodes).isPositive().isEqualTo(portLines("caught up", stalled.localPort()) + 1);
            assertThat(portLines("disconnected", stalled.localPort())).isEqualTo(1);
            List<FlvTag> partial = stalled.media();
            // How much it got before the cut depends on the kernel's socket buffers; what matters
            // is that it lost media and that what it got is whole GOPs of the published run.
            assertThat(partial.size()).isLessThan(sent.size() - 1);
            MediaTags.assertKeyframeAlignedSubsequence("stalled player", sent.subList(1, sent.size()), partial);
        }
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
