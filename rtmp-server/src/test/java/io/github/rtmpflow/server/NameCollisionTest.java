package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.client.RtmpRefusedException;
import io.github.rtmpflow.server.testing.CaptureMessages;
import io.github.rtmpflow.server.testing.CaptureReplay;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.LogFile;
import io.github.rtmpflow.server.testing.ManualTime;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestServers;
import io.github.rtmpflow.server.testing.TestTags;

import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One live publisher per name; a dead one is replaced. The first publisher here is a replayed FFmpeg capture cut short. */
class NameCollisionTest {

    private static final String NAME = "ffmpeg3s";

    @Test
    void shouldRefuseASecondPublisherOfALiveNameWithBadName() throws Exception {
        ManualTime time = new ManualTime();
        RtmpServer server = TestServers.builder().timeSource(time).start();
        try (CaptureReplay first = startFirstPublisher(server)) {
            time.advance(ServerTimeouts.DEFAULTS.publisherIdle().minusSeconds(1));
            try (RtmpClient second = RtmpClient.connect(TestServers.url(server, "live"))) {
                assertThatThrownBy(() -> second.publish(NAME))
                        .isInstanceOfSatisfying(RtmpRefusedException.class,
                                e -> assertThat(e.code()).isEqualTo(StatusCodes.PUBLISH_BAD_NAME));
            }
            assertThat(server.stream("live", NAME)).hasValueSatisfying(
                    stream -> assertThat(stream.isLive()).isTrue());
            assertThat(first.serverClosed()).isNotDone();
        } finally {
            server.close();
        }
        assertThat(LogFile.read()).contains("refused: name in use by");
    }

    @Test
    void shouldLetANewPublisherTakeOverAPublisherSilentForThePublisherIdleTimeout() throws Exception {
        ManualTime time = new ManualTime();
        RtmpServer server = TestServers.builder().timeSource(time).start();
        CollectingSubscriber nameSubscriber = new CollectingSubscriber();
        server.subscribe("live", NAME, nameSubscriber, SubscribeOptions.defaults());
        try (CaptureReplay first = startFirstPublisher(server)) {
            LiveStream dead = server.stream("live", NAME).orElseThrow();
            Poll.until("tags of the first session", () -> !nameSubscriber.tags().isEmpty());
            int firstSessionTags = nameSubscriber.tags().size();
            time.advance(ServerTimeouts.DEFAULTS.publisherIdle().plusSeconds(1));

            List<FlvTag> sent = TestTags.stream(3, 20, 20_000);
            try (RtmpClient second = RtmpClient.connect(TestServers.url(server, "live"))) {
                second.publish(NAME);
                for (FlvTag tag : sent) {
                    second.send(tag);
                }
                first.serverClosed().get(30, TimeUnit.SECONDS);
                // The evicted session ends on its own loop, after the socket is closed.
                Poll.until("the evicted session to end", () -> !dead.isLive());
                LiveStream live = server.stream("live", NAME).orElseThrow();
                assertThat(live).isNotSameAs(dead);
                Poll.until("the new session's tags", () -> nameSubscriber.tags().size() >= firstSessionTags + sent.size());
            }
            assertThat(nameSubscriber.discontinuities()).isGreaterThanOrEqualTo(1);
            List<FlvTag> afterTakeover = nameSubscriber.tags().subList(
                    nameSubscriber.tags().size() - sent.size(), nameSubscriber.tags().size());
            PublishRoundTripTest.assertSameTags(afterTakeover, sent);
        } finally {
            server.close();
        }
        assertThat(LogFile.read()).contains("taken over by");
    }

    /**
     * Replays FFmpeg's publish up to the end of a message around 60% of the capture: then it stops
     * and never answers pings. Returns once the server read every byte sent, so no read of this
     * peer happens after the test moves the clock.
     */
    private static CaptureReplay startFirstPublisher(RtmpServer server) throws Exception {
        byte[] capture = CaptureReplay.fixture("ffmpeg_publish_c2s.bin");
        List<CaptureMessages.MessageEnd> ends = CaptureMessages.of(capture);
        int count = 0;
        long cut = 0;
        for (CaptureMessages.MessageEnd end : ends) {
            if (end.offset() > capture.length * 6L / 10) {
                break;
            }
            cut = end.offset();
            if (end.typeId() == MessageTypes.AUDIO || end.typeId() == MessageTypes.VIDEO
                    || end.typeId() == MessageTypes.DATA_AMF0) {
                count++;
            }
        }
        long tags = count;
        CaptureReplay replay = CaptureReplay.open(server.localAddress().getPort());
        replay.send(capture, 0, (int) cut, new Random(5), 8192);
        Poll.until("the server to read the first publisher's bytes", () -> server.stream("live", NAME)
                .map(s -> s.statistics().tags()).orElse(0L) == tags);
        return replay;
    }

}
