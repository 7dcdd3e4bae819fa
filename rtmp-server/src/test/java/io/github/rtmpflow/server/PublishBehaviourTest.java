package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.OverflowPolicy;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.client.RtmpRefusedException;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.FlvFiles;
import io.github.rtmpflow.server.testing.LogFile;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestServers;
import io.github.rtmpflow.server.testing.TestTags;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublishBehaviourTest {

    @TempDir
    Path recordings;

    @ParameterizedTest
    @ValueSource(strings = {"../etc", "a/b", "a\\b", "tab\tname", "..", "x?key=..%2Fup"})
    void shouldRefuseAnUnsafeStreamNameWithBadName(String name) throws Exception {
        RtmpServer server = TestServers.builder().recordDirectory(recordings).start();
        try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"))) {
            if (name.startsWith("x?")) {
                // The query is not part of the name: "x" is a fine name, whatever the query holds.
                client.publish(name);
                assertThat(server.stream("live", "x")).isPresent();
                return;
            }
            assertThatThrownBy(() -> client.publish(name))
                    .isInstanceOfSatisfying(RtmpRefusedException.class,
                            e -> assertThat(e.code()).isEqualTo(StatusCodes.PUBLISH_BAD_NAME));
            assertThat(server.streams()).isEmpty();
        } finally {
            server.close();
        }
    }

    @Test
    void shouldCompleteSubscribersAndFinishRecordingsOnGracefulClose() throws Exception {
        CollectingSubscriber session = new CollectingSubscriber();
        CollectingSubscriber name = new CollectingSubscriber();
        RtmpServer server = TestServers.builder()
                .recordDirectory(recordings)
                .onPublish(stream -> stream.subscribe(session, SubscribeOptions.defaults()))
                .start();
        List<FlvTag> sent = TestTags.stream(7, 60, 20_000);
        RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"));
        try {
            server.subscribe("live", "cam1", name, SubscribeOptions.defaults());
            client.publish("cam1");
            for (FlvTag tag : sent) {
                client.send(tag);
            }
            Poll.until("every tag at the server",
                    () -> server.stream("live", "cam1").map(s -> s.statistics().tags()).orElse(0L) == sent.size());
        } finally {
            server.close();
            client.abort();
        }
        // Subscribers are told on their own executors: completion arrives, close() does not wait for it.
        session.done().get(30, TimeUnit.SECONDS);
        name.done().get(30, TimeUnit.SECONDS);
        assertThat(server.streams()).isEmpty();
        assertThat(server.openConnections()).isZero();
        PublishRoundTripTest.assertSameTags(session.done().get(), sent);
        PublishRoundTripTest.assertSameMedia(FlvFiles.media(FlvFiles.read(recordings.resolve("live/cam1.flv"))),
                FlvFiles.media(sent));
    }

    @Test
    void shouldStartLateJoinersOfTheNameAndOfTheSessionAtTheCachedGopWithoutDuplicates() throws Exception {
        List<FlvTag> sent = TestTags.stream(11, 45, 8_000); // keyframes at video frames 0 and 30
        int secondKeyframe = -1;
        int videoFrames = 0;
        for (int i = 3; i < sent.size(); i++) {
            if (sent.get(i).isVideo() && videoFrames++ == 30) {
                secondKeyframe = i;
            }
        }
        assertThat(sent.get(secondKeyframe).isKeyframe()).isTrue();
        int before = secondKeyframe + 10; // the joiners come in mid-GOP
        CollectingSubscriber name = new CollectingSubscriber();
        CollectingSubscriber session = new CollectingSubscriber();
        RtmpServer server = TestServers.builder().start();
        RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"));
        try {
            client.publish("cam1");
            for (FlvTag tag : sent.subList(0, before)) {
                client.send(tag);
            }
            Poll.until("the first part at the server",
                    () -> server.stream("live", "cam1").map(s -> s.statistics().tags()).orElse(0L) == before);
            SubscribeOptions replay = SubscribeOptions.defaults().withReplayGop(true);
            server.subscribe("live", "cam1", name, replay);
            server.stream("live", "cam1").orElseThrow().subscribe(session, replay);
            for (FlvTag tag : sent.subList(before, sent.size())) {
                client.send(tag);
            }
            client.close();
            session.done().get(30, TimeUnit.SECONDS);
        } finally {
            server.close();
            client.abort();
        }
        name.done().get(30, TimeUnit.SECONDS);

        // onMetaData and both sequence headers, then the GOP from its keyframe, then live: once each.
        List<FlvTag> expected = new ArrayList<>(sent.subList(0, 3));
        expected.addAll(sent.subList(secondKeyframe, sent.size()));
        PublishRoundTripTest.assertSameTags(session.done().get(), expected);
        PublishRoundTripTest.assertSameTags(name.done().get(), expected);
    }

    @Test
    void shouldNeverOverwriteAnEarlierRecordingOfTheSameName() throws Exception {
        RtmpServer server = TestServers.builder().recordDirectory(recordings).start();
        List<FlvTag> first = TestTags.stream(8, 10, 5_000);
        List<FlvTag> second = TestTags.stream(9, 20, 5_000);
        try {
            for (List<FlvTag> tags : List.of(first, second)) {
                try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"))) {
                    client.publish("cam1");
                    for (FlvTag tag : tags) {
                        client.send(tag);
                    }
                }
                Poll.until("the session to end", () -> server.streams().isEmpty());
            }
        } finally {
            server.close();
        }
        PublishRoundTripTest.assertSameMedia(FlvFiles.media(FlvFiles.read(recordings.resolve("live/cam1.flv"))),
                FlvFiles.media(first));
        PublishRoundTripTest.assertSameMedia(FlvFiles.media(FlvFiles.read(recordings.resolve("live/cam1-1.flv"))),
                FlvFiles.media(second));
    }

    @Test
    void shouldIsolateAThrowingListener() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        RtmpServer server = TestServers.builder()
                .onPublish(stream -> {
                    throw new IllegalStateException("listener bug");
                })
                .onPublish(stream -> seen.add("publish " + stream.path()))
                .onUnpublish(stream -> {
                    throw new IllegalStateException("listener bug");
                })
                .onUnpublish(stream -> seen.add("unpublish " + stream.path()))
                .start();
        try {
            try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"))) {
                client.publish("cam1");
                for (FlvTag tag : TestTags.stream(10, 5, 5_000)) {
                    client.send(tag);
                }
            }
            Poll.until("unpublish", () -> seen.size() == 2);
        } finally {
            server.close();
        }
        assertThat(seen).containsExactly("publish live/cam1", "unpublish live/cam1");
        assertThat(LogFile.read()).contains("onPublish callback threw; ignored");
    }

    @Test
    void shouldPauseReadingThePublisherForAPausingSubscriberAndLoseNothing() throws Exception {
        CollectingSubscriber pausing = new CollectingSubscriber(5);
        CollectingSubscriber other = new CollectingSubscriber();
        RtmpServer server = TestServers.builder()
                .onPublish(stream -> {
                    stream.subscribe(pausing, SubscribeOptions.defaults().withName("pausing").withBounds(8, 1 << 20)
                            .withOverflowPolicy(OverflowPolicy.PAUSE_PRODUCER));
                    stream.subscribe(other, SubscribeOptions.defaults());
                })
                .start();
        List<FlvTag> sent = TestTags.stream(11, 90, 30_000);
        try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"))) {
            client.publish("cam1");
            for (FlvTag tag : sent) {
                client.send(tag);
            }
            client.unpublish();
            PublishRoundTripTest.assertSameTags(pausing.done().get(60, TimeUnit.SECONDS), sent);
            PublishRoundTripTest.assertSameTags(other.done().get(60, TimeUnit.SECONDS), sent);
        } finally {
            server.close();
        }
        assertThat(LogFile.read()).contains("reading paused by a subscriber").contains("reading resumed");
    }
}
