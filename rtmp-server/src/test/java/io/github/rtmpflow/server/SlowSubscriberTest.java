package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.OverflowPolicy;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.flv.SubscriberStatistics;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.FlvFiles;
import io.github.rtmpflow.server.testing.TestServers;
import io.github.rtmpflow.server.testing.TestTags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A subscriber that blocks on every tag costs only itself. */
class SlowSubscriberTest {

    @TempDir
    Path recordings;

    @Test
    void shouldGiveEveryoneElseEveryTagWhileASlowSubscriberDrops() throws Exception {
        Map<String, CollectingSubscriber> fast = new ConcurrentHashMap<>();
        Map<String, StreamStatistics> ended = new ConcurrentHashMap<>();
        CollectingSubscriber slow = new CollectingSubscriber(50);
        RtmpServer server = TestServers.builder()
                .recordDirectory(recordings)
                .onPublish(stream -> {
                    CollectingSubscriber s = new CollectingSubscriber();
                    fast.put(stream.name(), s);
                    stream.subscribe(s, SubscribeOptions.defaults());
                    if (stream.name().equals("cam0")) {
                        stream.subscribe(slow, SubscribeOptions.defaults().withName("slow").withBounds(16, 1 << 20)
                                .withOverflowPolicy(OverflowPolicy.DROP_UNTIL_KEYFRAME));
                    }
                })
                .onUnpublish(stream -> ended.put(stream.name(), stream.statistics()))
                .start();
        List<List<FlvTag>> sent = new ArrayList<>();
        try {
            List<CompletableFuture<Void>> publishers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                List<FlvTag> tags = TestTags.stream(100 + i, 240, 40_000);
                sent.add(tags);
                String name = "cam" + i;
                publishers.add(CompletableFuture.runAsync(() -> publish(server, name, tags)));
            }
            CompletableFuture.allOf(publishers.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
            for (int i = 0; i < 3; i++) {
                PublishRoundTripTest.assertSameTags(fast.get("cam" + i).done().get(30, TimeUnit.SECONDS), sent.get(i));
            }
            slow.done().get(60, TimeUnit.SECONDS);
        } finally {
            server.close();
        }
        for (int i = 0; i < 3; i++) {
            List<FlvTag> recorded = FlvFiles.media(FlvFiles.read(recordings.resolve("live/cam" + i + ".flv")));
            PublishRoundTripTest.assertSameMedia(recorded, FlvFiles.media(sent.get(i)));
        }
        SubscriberStatistics slowStatistics = ended.get("cam0").subscribers().stream()
                .filter(s -> s.name().equals("slow")).findFirst().orElseThrow();
        assertThat(slowStatistics.droppedTags()).isPositive();
        assertThat(slow.tags().size() + slowStatistics.droppedTags()).isLessThanOrEqualTo(sent.get(0).size());
        assertThat(ended.get("cam1").droppedTags()).isZero();
        assertThat(ended.get("cam2").droppedTags()).isZero();
    }

    private static void publish(RtmpServer server, String name, List<FlvTag> tags) {
        try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"))) {
            client.publish(name);
            for (FlvTag tag : tags) {
                client.send(tag);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
