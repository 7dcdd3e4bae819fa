package io.github.rtmpflow.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.OverflowPolicy;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.flv.SubscriberStatistics;
import io.github.rtmpflow.server.RtmpServer;
import io.github.rtmpflow.server.StreamStatistics;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Three real FFmpeg publishers at once, as fast as they go, and one subscriber that sleeps on
 * every tag: it costs only itself. The other subscribers and the three recordings get every
 * tag; the slow one gets a keyframe-aligned part of its stream, and its policy
 * ({@link OverflowPolicy#DROP_UNTIL_KEYFRAME}) counts what it dropped. The same property with
 * rtmpflow's own client as publisher is {@code SlowSubscriberTest}; this one proves it with real
 * encoders' pacing and chunking.
 */
class ConcurrentPublishersInteropTest {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int PUBLISHERS = 3;

    @Test
    void shouldGiveEveryoneButASlowSubscriberEveryTagOfThreeFfmpegPublishers() throws Exception {
        ExternalTool.require("ffmpeg");
        Path source = TestMedia.h264Aac();
        Path records = TestPaths.freshDirectory("interop-records", "three");
        Map<String, CollectingSubscriber> fast = new ConcurrentHashMap<>();
        Map<String, StreamStatistics> ended = new ConcurrentHashMap<>();
        CollectingSubscriber slow = new CollectingSubscriber("slow", Duration.ofMillis(20));
        RtmpServer server = TestServers.builder()
                .recordDirectory(records)
                .onPublish(stream -> {
                    CollectingSubscriber collector = new CollectingSubscriber("fast-" + stream.name());
                    fast.put(stream.name(), collector);
                    stream.subscribe(collector, SubscribeOptions.defaults().withName("fast"));
                    if (stream.name().equals("cam0")) {
                        stream.subscribe(slow, SubscribeOptions.defaults().withName("slow").withBounds(16, 1 << 20)
                                .withOverflowPolicy(OverflowPolicy.DROP_UNTIL_KEYFRAME));
                    }
                })
                .onUnpublish(stream -> ended.put(stream.name(), stream.statistics()))
                .start();
        try {
            List<ExternalTool.Running> publishers = new ArrayList<>();
            try {
                for (int i = 0; i < PUBLISHERS; i++) {
                    publishers.add(Publishers.ffmpegStart("ffmpeg-cam" + i, source,
                            TestServers.url(server, "live") + "/cam" + i));
                }
                for (ExternalTool.Running publisher : publishers) {
                    publisher.await().assertSuccess();
                }
            } finally {
                publishers.forEach(ExternalTool.Running::close);
            }
            Poll.until("three sessions ended", DEADLINE, () -> ended.size() == PUBLISHERS);
            for (CollectingSubscriber collector : fast.values()) {
                collector.awaitEnd(DEADLINE);
            }
            slow.awaitEnd(DEADLINE);
        } finally {
            server.close();
        }

        List<FlvTag> sent = MediaTags.read(source);
        FrameMd5 sentPackets = FrameMd5.of(source);
        for (int i = 0; i < PUBLISHERS; i++) {
            String name = "cam" + i;
            MediaTags.assertSame("fast subscriber of " + name, sent, fast.get(name).mediaTags());
            Path recording = records.resolve("live/" + name + ".flv");
            Recordings.awaitFinished(recording, DEADLINE);
            sentPackets.assertSameAs(FrameMd5.of(recording));
            assertThat(dropsOf(ended.get(name), "fast")).isZero();
            assertThat(dropsOf(ended.get(name), "recorder")).isZero();
        }
        long slowDrops = dropsOf(ended.get("cam0"), "slow");
        assertThat(slowDrops).isPositive();
        MediaTags.assertKeyframeAlignedSubsequence("slow subscriber", sent, slow.mediaTags());
        // Every tag the publisher sent was either delivered to the slow one or counted as dropped.
        assertThat(slow.count() + slowDrops).isEqualTo(ended.get("cam0").tags());
    }

    private static long dropsOf(StreamStatistics statistics, String subscriber) {
        return statistics.subscribers().stream().filter(s -> s.name().equals(subscriber))
                .mapToLong(SubscriberStatistics::droppedTags).reduce(Long::sum)
                .orElseThrow(() -> new AssertionError("no subscriber " + subscriber + " in " + statistics));
    }
}
