package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.message.StreamBegin;
import io.github.rtmpflow.core.message.StreamEof;
import io.github.rtmpflow.core.session.Commands;
import io.github.rtmpflow.core.session.StatusCodes;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.RawPlayer;
import io.github.rtmpflow.server.testing.TestServers;
import io.github.rtmpflow.server.testing.TestTags;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The play flow with a hand-driven player: replies, fast start, unpublish and republish, pause and seek. */
class PlaybackTest {

    @Test
    void shouldAnswerPlayThenStartFromTheCachedGopWithTimestampsFromZero() throws Exception {
        List<FlvTag> sent = TestTags.stream(7, 45, 20_000);
        try (RtmpServer server = TestServers.builder().start();
                RtmpClient publisher = RtmpClient.connect(TestServers.url(server, "live"));
                RawPlayer player = RawPlayer.open(server.localAddress().getPort())) {
            publisher.publish("cam1");
            for (FlvTag tag : sent) {
                publisher.send(tag);
            }
            Poll.until("every tag at the server", () -> server.stream("live", "cam1")
                    .map(s -> s.statistics().tags() == sent.size()).orElse(false));

            int streamId = player.play("live", "cam1");
            player.awaitStatus(StatusCodes.PLAY_START);
            FlvTag next = sent.get(sent.size() - 1).withTimestamp(45 * 1000L / 30);
            publisher.send(next);
            Poll.until("the GOP and the next frame", () -> player.media().size() >= 2 + gopFrom(sent, 30).size() + 1);

            List<String> flow = player.describe();
            int begin = indexOf(player, r -> r.message() instanceof StreamBegin b && b.messageStreamId() == streamId);
            assertThat(flow.subList(begin, begin + 8)).containsExactly("StreamBegin", StatusCodes.PLAY_RESET,
                    StatusCodes.PLAY_START, "data " + Commands.RTMP_SAMPLE_ACCESS, "data onStatus", "data onMetaData",
                    "video", "audio");
            List<FlvTag> expected = new ArrayList<>(sent.subList(1, 3));
            expected.addAll(gopFrom(sent, 30));
            expected.add(next);
            assertSameRebased(player.media(), expected, expected.get(2).timestamp());
            assertThat(player.media().get(2).isKeyframe()).isTrue();
            assertThat(player.received()).allMatch(r -> r.raw().typeId() != MessageTypes.VIDEO
                    || r.raw().messageStreamId() == streamId);
        }
    }

    @Test
    void shouldNotifyUnpublishAndResumeWhenThePublisherComesBack() throws Exception {
        List<FlvTag> first = TestTags.stream(1, 40, 10_000);
        List<FlvTag> second = TestTags.stream(2, 40, 10_000);
        try (RtmpServer server = TestServers.builder().start();
                RawPlayer player = RawPlayer.open(server.localAddress().getPort())) {
            player.play("live", "cam1");
            player.awaitStatus(StatusCodes.PLAY_START);
            publishAll(server, first);
            player.awaitStatus(StatusCodes.PLAY_UNPUBLISH_NOTIFY);
            int firstMedia = player.media().size();
            publishAll(server, second);
            Poll.until("two unpublish notifications",
                    () -> player.statusCodes().stream().filter(StatusCodes.PLAY_UNPUBLISH_NOTIFY::equals).count() == 2);

            assertThat(player.statusCodes()).containsExactly(StatusCodes.PLAY_RESET, StatusCodes.PLAY_START,
                    StatusCodes.PLAY_PUBLISH_NOTIFY, StatusCodes.PLAY_UNPUBLISH_NOTIFY,
                    StatusCodes.PLAY_PUBLISH_NOTIFY, StatusCodes.PLAY_UNPUBLISH_NOTIFY);
            assertThat(indexOf(player, r -> r.message() instanceof StreamEof)).isPositive();
            List<FlvTag> media = player.media();
            assertSameRebased(media.subList(0, firstMedia), first.subList(1, first.size()), 0);
            // The second session follows the first on the player's clock: never backwards.
            long end = media.get(firstMedia - 1).timestamp();
            assertSameRebased(media.subList(firstMedia, media.size()), second.subList(1, second.size()), -end);
            for (int i = 1; i < media.size(); i++) {
                if (media.get(i).type() == media.get(i - 1).type()) {
                    assertThat(media.get(i).timestamp()).isGreaterThanOrEqualTo(media.get(i - 1).timestamp());
                }
            }
            assertThat(player.describe()).containsSubsequence("StreamEof",
                    StatusCodes.PLAY_UNPUBLISH_NOTIFY, "StreamBegin", StatusCodes.PLAY_PUBLISH_NOTIFY,
                    "data onMetaData", "video", "audio");
        }
    }

    @Test
    void shouldPauseAndResumeAtAKeyframeAndAnswerSeekFromTheLiveEdge() throws Exception {
        List<FlvTag> sent = TestTags.stream(3, 150, 5_000);
        try (RtmpServer server = TestServers.builder().start();
                RtmpClient publisher = RtmpClient.connect(TestServers.url(server, "live"));
                RawPlayer player = RawPlayer.open(server.localAddress().getPort())) {
            int streamId = player.play("live", "cam1");
            player.awaitStatus(StatusCodes.PLAY_START);
            publisher.publish("cam1");
            for (FlvTag tag : sent.subList(0, 40)) {
                publisher.send(tag);
            }
            Poll.until("media before the pause", () -> !player.media().isEmpty());
            player.send(Commands.pause(true, 1000), 8, streamId);
            player.awaitStatus(StatusCodes.PAUSE_NOTIFY);
            int beforePause = player.media().size();
            for (FlvTag tag : sent.subList(40, 70)) {
                publisher.send(tag);
            }
            player.send(Commands.pause(false, 1000), 8, streamId);
            player.awaitStatus(StatusCodes.UNPAUSE_NOTIFY);
            int paused = player.media().size();
            for (FlvTag tag : sent.subList(70, 110)) {
                publisher.send(tag);
            }
            Poll.until("media after the pause", () -> player.media().size() > paused);
            player.send(Commands.seek(0), 8, streamId);
            player.awaitStatus(StatusCodes.SEEK_NOTIFY);
            int seeked = player.media().size();
            for (FlvTag tag : sent.subList(110, sent.size())) {
                publisher.send(tag);
            }
            Poll.until("media after the seek", () -> player.media().size() > seeked);

            List<RawPlayer.Received> all = List.copyOf(player.received());
            int pauseAt = indexOf(player, r -> StatusCodes.PAUSE_NOTIFY.equals(r.statusCode()));
            int unpauseAt = indexOf(player, r -> StatusCodes.UNPAUSE_NOTIFY.equals(r.statusCode()));
            int seekAt = indexOf(player, r -> StatusCodes.SEEK_NOTIFY.equals(r.statusCode()));
            assertThat(all.subList(pauseAt, unpauseAt)).noneMatch(PlaybackTest::isMedia);
            assertThat(firstMediaAfter(all, unpauseAt).isKeyframe()).as("first frame after unpause").isTrue();
            assertThat(firstMediaAfter(all, seekAt).isKeyframe()).as("first frame after seek").isTrue();
            assertThat(beforePause).isPositive();
            assertThat(player.statusCodes()).containsSubsequence(StatusCodes.PAUSE_NOTIFY,
                    StatusCodes.UNPAUSE_NOTIFY, StatusCodes.SEEK_NOTIFY, StatusCodes.PLAY_START);
        }
    }

    @Test
    void shouldStopOnCloseStreamAndPlayAgainOnTheSameStream() throws Exception {
        List<FlvTag> sent = TestTags.stream(5, 120, 5_000);
        try (RtmpServer server = TestServers.builder().start();
                RtmpClient publisher = RtmpClient.connect(TestServers.url(server, "live"));
                RawPlayer player = RawPlayer.open(server.localAddress().getPort());
                RawPlayer witness = RawPlayer.open(server.localAddress().getPort())) {
            int streamId = player.play("live", "cam1");
            witness.play("live", "cam1");
            player.awaitStatus(StatusCodes.PLAY_START);
            witness.awaitStatus(StatusCodes.PLAY_START);
            publisher.publish("cam1");
            for (FlvTag tag : sent.subList(0, 40)) {
                publisher.send(tag);
            }
            Poll.until("the first tags at the player", () -> player.media().size() == 39);

            player.send(Commands.closeStream(), 8, streamId);
            Poll.until("the play to stop", () -> server.stream("live", "cam1").orElseThrow().statistics()
                    .subscribers().stream().filter(x -> x.name().startsWith("player")).count() == 1);
            for (FlvTag tag : sent.subList(40, 80)) {
                publisher.send(tag);
            }
            Poll.until("the witness to get them", () -> witness.media().size() == 79);
            player.send(new io.github.rtmpflow.core.message.PingRequest(7), 2, 0);
            player.await("the ping answer", r -> r.message() instanceof io.github.rtmpflow.core.message.PingResponse);
            assertThat(player.media()).as("nothing after closeStream").hasSize(39);

            player.send(Commands.play(0, "cam1", -2), 8, streamId);
            Poll.until("a second Play.Start", () -> player.statusCodes().stream()
                    .filter(StatusCodes.PLAY_START::equals).count() == 2);
            for (FlvTag tag : sent.subList(80, sent.size())) {
                publisher.send(tag);
            }
            Poll.until("media of the second play", () -> player.media().size() > 39 + 2);
            List<FlvTag> again = player.media().subList(39, player.media().size());
            assertThat(again.get(0).isSequenceHeader()).isTrue();
            assertThat(again.get(2).isKeyframe()).as("fast start again").isTrue();
        }
    }

    @Test
    void shouldAskTheAuthorizerAndRefuseAnUnauthorizedPlay() throws Exception {
        List<AuthorizationRequest> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (RtmpServer server = TestServers.builder()
                .authorizer(request -> {
                    asked.add(request);
                    return request.action() == AuthorizationRequest.Action.PLAY && !"ok".equals(request.queryParam("t"))
                            ? Decision.deny("bad token") : Decision.allow();
                })
                .start();
                RawPlayer refused = RawPlayer.open(server.localAddress().getPort());
                RawPlayer allowed = RawPlayer.open(server.localAddress().getPort())) {
            refused.play("live", "cam1?t=wrong");
            allowed.play("live", "cam1?t=ok");

            refused.awaitStatus(StatusCodes.PLAY_FAILED);
            allowed.awaitStatus(StatusCodes.PLAY_START);
            Poll.until("the refused player to be closed", refused::serverClosed);
            assertThat(refused.statusCodes()).doesNotContain(StatusCodes.PLAY_START);
            assertThat(asked).extracting(AuthorizationRequest::action).containsOnly(AuthorizationRequest.Action.PLAY);
            assertThat(asked).extracting(AuthorizationRequest::streamName).containsOnly("cam1");
        }
    }

    private static void publishAll(RtmpServer server, List<FlvTag> tags) throws Exception {
        try (RtmpClient publisher = RtmpClient.connect(TestServers.url(server, "live"))) {
            publisher.publish("cam1");
            for (FlvTag tag : tags) {
                publisher.send(tag);
            }
        }
    }

    /** The tags from the {@code frame}-th video frame (a keyframe) on. */
    static List<FlvTag> gopFrom(List<FlvTag> sent, int frame) {
        int videoFrames = 0;
        for (int i = 0; i < sent.size(); i++) {
            FlvTag t = sent.get(i);
            if (t.isVideo() && !t.isSequenceHeader()) {
                if (videoFrames == frame) {
                    return sent.subList(i, sent.size());
                }
                videoFrames++;
            }
        }
        throw new IllegalArgumentException("no frame " + frame);
    }

    /** Same types and bodies in order, and {@code actual} timestamps equal {@code expected} minus {@code origin} (not below 0). */
    static void assertSameRebased(List<FlvTag> actual, List<FlvTag> expected, long origin) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            FlvTag e = expected.get(i);
            FlvTag a = actual.get(i);
            assertThat(a.type()).as("type of tag %d", i).isEqualTo(e.type());
            assertThat(a.payload()).as("body of tag %d", i).isEqualTo(e.payload());
            assertThat(a.timestamp()).as("timestamp of tag %d (%s)", i, e).isEqualTo(Math.max(0, e.timestamp() - origin));
        }
    }

    /** Audio and video frames (not sequence headers, which are never held back). */
    private static boolean isMedia(RawPlayer.Received r) {
        FlvTag tag = tagOf(r);
        return tag != null && !tag.isSequenceHeader();
    }

    private static FlvTag tagOf(RawPlayer.Received r) {
        int type = r.raw().typeId();
        if (type != MessageTypes.AUDIO && type != MessageTypes.VIDEO) {
            return null;
        }
        return FlvTag.of(type == MessageTypes.AUDIO ? io.github.rtmpflow.flv.TagType.AUDIO
                : io.github.rtmpflow.flv.TagType.VIDEO, r.raw().timestamp(), r.raw().payload());
    }

    private static FlvTag firstMediaAfter(List<RawPlayer.Received> all, int index) {
        for (int i = index + 1; i < all.size(); i++) {
            if (isMedia(all.get(i))) {
                return tagOf(all.get(i));
            }
        }
        throw new AssertionError("no media after message " + index);
    }

    private static int indexOf(RawPlayer player, java.util.function.Predicate<RawPlayer.Received> what) {
        List<RawPlayer.Received> all = player.received();
        for (int i = 0; i < all.size(); i++) {
            if (what.test(all.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
