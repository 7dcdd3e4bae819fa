package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.AudioCodec;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.flv.VideoCodec;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.FlvFiles;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestTags;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishRoundTripTest {

    @TempDir
    Path recordings;

    @Test
    void shouldDeliverEveryTagByteIdenticalToSubscribersAndTheRecording() throws Exception {
        List<FlvTag> sent = TestTags.stream(1, 150, 200_000);
        CollectingSubscriber sessionSubscriber = new CollectingSubscriber();
        CollectingSubscriber nameSubscriber = new CollectingSubscriber();
        CompletableFuture<StreamStatistics> ended = new CompletableFuture<>();
        RtmpServer server = RtmpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .eventLoops(2)
                .recordDirectory(recordings)
                .onPublish(stream -> stream.subscribe(sessionSubscriber, SubscribeOptions.defaults()))
                .onUnpublish(stream -> ended.complete(stream.statistics()))
                .start();
        try {
            server.subscribe("live", "cam1", nameSubscriber, SubscribeOptions.defaults());
            try (RtmpClient client = RtmpClient.connect(url(server, "live"))) {
                client.publish("cam1");
                for (FlvTag tag : sent) {
                    client.send(tag);
                }
            }

            assertSameTags(sessionSubscriber.done().get(30, TimeUnit.SECONDS), sent);
            Poll.until("name subscriber to see the session end", () -> nameSubscriber.discontinuities() == 1);
            assertSameTags(nameSubscriber.tags(), sent);

            StreamStatistics statistics = ended.get(30, TimeUnit.SECONDS);
            assertThat(statistics.path()).isEqualTo("live/cam1");
            assertThat(statistics.tags()).isEqualTo(sent.size());
            assertThat(statistics.videoTags()).isEqualTo(151);
            assertThat(statistics.keyframes()).isEqualTo(5);
            assertThat(statistics.videoCodec()).isEqualTo(VideoCodec.AVC);
            assertThat(statistics.audioCodec()).isEqualTo(AudioCodec.AAC);
            assertThat(statistics.width()).isEqualTo(640);
            assertThat(statistics.height()).isEqualTo(360);
            assertThat(statistics.frameRate()).isBetween(29.0, 31.0);
            assertThat(statistics.droppedTags()).isZero();
        } finally {
            server.close();
        }
        List<FlvTag> recorded = FlvFiles.read(recordings.resolve("live/cam1.flv"));
        assertThat(recorded.get(0).isOnMetaData()).isTrue();
        assertSameTags(FlvFiles.media(recorded), FlvFiles.media(sent));
        // close() completes the name subscription; onComplete reaches it on its own executor.
        nameSubscriber.done().get(30, TimeUnit.SECONDS);
    }

    static String url(RtmpServer server, String app) {
        return "rtmp://127.0.0.1:" + server.localAddress().getPort() + "/" + app;
    }

    /** Same types and bodies in the same order; timestamps are rebased by the recorder. */
    static void assertSameMedia(List<FlvTag> actual, List<FlvTag> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        long base = expected.isEmpty() ? 0 : expected.get(0).timestamp() - actual.get(0).timestamp();
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).type()).as("type of tag %d", i).isEqualTo(expected.get(i).type());
            assertThat(actual.get(i).payload()).as("body of tag %d", i).isEqualTo(expected.get(i).payload());
        }
        assertThat(base).isGreaterThanOrEqualTo(0);
    }

    static void assertSameTags(List<FlvTag> actual, List<FlvTag> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            FlvTag a = actual.get(i);
            FlvTag e = expected.get(i);
            assertThat(a.type()).as("type of tag %d", i).isEqualTo(e.type());
            assertThat(a.timestamp()).as("timestamp of tag %d", i).isEqualTo(e.timestamp());
            assertThat(a.payload()).as("body of tag %d", i).isEqualTo(e.payload());
        }
    }
}
