package io.github.rtmpflow.flv;

import static io.github.rtmpflow.flv.TestTags.aacFrame;
import static io.github.rtmpflow.flv.TestTags.aacSequenceHeader;
import static io.github.rtmpflow.flv.TestTags.avcSequenceEnd;
import static io.github.rtmpflow.flv.TestTags.avcSequenceHeader;
import static io.github.rtmpflow.flv.TestTags.cuePoint;
import static io.github.rtmpflow.flv.TestTags.interFrame;
import static io.github.rtmpflow.flv.TestTags.keyframe;
import static io.github.rtmpflow.flv.TestTags.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.chunk.BoundedBudget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a subscriber that joins a live session receives first. */
class LateJoinTest {
    private final FlvTag meta1 = metadata(0);
    private final FlvTag meta2 = metadata(10);
    private final FlvTag avc = avcSequenceHeader(0);
    private final FlvTag aac = aacSequenceHeader(0);
    private final FlvTag k1 = keyframe(0, 300);
    private final FlvTag a1 = aacFrame(5, 20);
    private final FlvTag p1 = interFrame(33, 100);
    private final FlvTag k2 = keyframe(66, 300);
    private final FlvTag a2 = aacFrame(70, 20);
    private final FlvTag p2 = interFrame(99, 100);

    private static RecordingSubscriber join(TagFanout fanout, boolean replayGop) {
        RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
        fanout.subscribe(subscriber, SubscribeOptions.defaults()
                .withExecutor(SubscribeOptions.CALLER_THREAD)
                .withReplayGop(replayGop));
        return subscriber;
    }

    private static void publish(TagFanout fanout, FlvTag... tags) {
        for (FlvTag tag : tags) {
            fanout.publish(tag);
        }
    }

    @Test
    void shouldGiveLateJoinerLatestMetadataAndSequenceHeadersThenStartAtNextKeyframe() {
        TagFanout fanout = new TagFanout("live/test");
        publish(fanout, meta1, avc, aac, k1, a1, p1, meta2, k2, a2, p2);
        RecordingSubscriber late = join(fanout, false);
        FlvTag p3 = interFrame(132, 100);
        FlvTag a3 = aacFrame(140, 20);
        FlvTag k3 = keyframe(165, 300);
        FlvTag a4 = aacFrame(170, 20);
        publish(fanout, p3, a3, k3, a4);

        assertThat(late.tags()).containsExactly(meta2, avc, aac, k3, a4);
        assertThat(fanout.statistics().subscribers().get(0).droppedTags())
                .as("skipping to the first keyframe is not a drop").isZero();
    }

    @Test
    void shouldReplayTheCachedGopWhenAsked() {
        TagFanout fanout = new TagFanout("live/test");
        publish(fanout, meta1, avc, aac, k1, a1, p1, k2, a2, p2);
        RecordingSubscriber late = join(fanout, true);
        FlvTag p3 = interFrame(132, 100);
        publish(fanout, p3);

        assertThat(late.tags()).containsExactly(meta1, avc, aac, k2, a2, p2, p3);
    }

    @Test
    void shouldDropTheGopFromTheCacheButNotFromTheStreamWhenItOutgrowsTheBounds() {
        TagFanout fanout = new TagFanout("live/test", FanoutOptions.DEFAULTS.withGopBounds(3, 1 << 20));
        RecordingSubscriber early = join(fanout, false);
        publish(fanout, avc, k1, p1, a1);
        // k1, p1, a1 fill the GOP cache; the next media tag breaks it.
        FlvTag p2b = interFrame(66, 100);
        publish(fanout, p2b);
        RecordingSubscriber late = join(fanout, true);
        FlvTag p3 = interFrame(99, 100);
        publish(fanout, p3, k2, a2);

        assertThat(early.tags()).containsExactly(avc, k1, p1, a1, p2b, p3, k2, a2);
        assertThat(late.tags()).containsExactly(avc, k2, a2);
    }

    @Test
    void shouldSkipGopReplayThatDoesNotFitTheSubscribersQueue() {
        TagFanout fanout = new TagFanout("live/test");
        // A GOP of three tags against a queue bound of two.
        publish(fanout, avc, k1, a1, p1);
        RecordingSubscriber late = new RecordingSubscriber(Long.MAX_VALUE);
        fanout.subscribe(late, SubscribeOptions.defaults()
                .withExecutor(SubscribeOptions.CALLER_THREAD)
                .withBounds(2, 1 << 20)
                .withReplayGop(true));
        publish(fanout, p2, k2);

        assertThat(late.tags()).containsExactly(avc, k2);
    }

    @Test
    void shouldGiveEverySubscriberThatJoinsBeforeTheFirstFrameEveryTag() {
        TagFanout fanout = new TagFanout("live/test");
        publish(fanout, meta1, avc, aac);
        RecordingSubscriber beforeMedia = join(fanout, false);
        // Audio before the first keyframe is not skipped: this subscriber is not late.
        publish(fanout, a1, k1, p1);

        assertThat(beforeMedia.tags()).containsExactly(meta1, avc, aac, a1, k1, p1);
    }

    @Test
    void shouldStartLateJoinerOfAudioOnlyStreamAtNextAudioFrame() {
        TagFanout fanout = new TagFanout("live/test");
        publish(fanout, aac, a1);
        RecordingSubscriber late = join(fanout, true);
        publish(fanout, a2);

        assertThat(late.tags()).containsExactly(aac, a2);
    }

    @Test
    void shouldForgetVideoConfigurationAtSequenceEnd() {
        TagFanout fanout = new TagFanout("live/test");
        FlvTag end = avcSequenceEnd(100);
        publish(fanout, avc, aac, k1, a1, end);
        RecordingSubscriber late = join(fanout, true);
        publish(fanout, a2);

        assertThat(late.tags()).containsExactly(aac);
    }

    @Test
    void shouldNotCacheOtherScriptData() {
        TagFanout fanout = new TagFanout("live/test");
        publish(fanout, meta1, cuePoint(0), k1);
        RecordingSubscriber late = join(fanout, false);
        publish(fanout, k2);

        assertThat(late.tags()).containsExactly(meta1, k2);
    }

    @Test
    void shouldPrimeLateListenersTheSameWay() {
        TagFanout fanout = new TagFanout("live/test");
        publish(fanout, meta1, avc, aac, k1, a1, p1);
        List<FlvTag> withGop = new ArrayList<>();
        List<FlvTag> withoutGop = new ArrayList<>();
        fanout.addListener(withGop::add, SubscribeOptions.defaults().withReplayGop(true));
        fanout.addListener(withoutGop::add);
        publish(fanout, a2, k2);

        assertThat(withGop).containsExactly(meta1, avc, aac, k1, a1, p1, a2, k2);
        assertThat(withoutGop).containsExactly(meta1, avc, aac, k2);
    }

    /** Publishes to {@code follower} first, then to {@code leader}, as the server does for a name and its session. */
    private static void publishToBoth(TagFanout follower, TagFanout leader, FlvTag... tags) {
        for (FlvTag tag : tags) {
            follower.publish(tag);
            leader.publish(tag);
        }
    }

    @Test
    void shouldStartLateJoinersOfAFollowerFromTheLeadersCachesAndCacheTheStreamOnce() {
        BoundedBudget gopBudget = new BoundedBudget(1 << 20);
        FanoutOptions options = FanoutOptions.DEFAULTS.withGopBudget(gopBudget);
        TagFanout leader = new TagFanout("live/test (session)", options);
        TagFanout follower = new TagFanout("live/test (name)", options);
        follower.followCaches(leader);
        publishToBoth(follower, leader, meta1, avc, aac, k1, a1, p1, k2, a2, p2);

        RecordingSubscriber fromFollower = join(follower, true);
        RecordingSubscriber fromLeader = join(leader, true);
        FlvTag p3 = interFrame(132, 100);
        publishToBoth(follower, leader, p3);

        assertThat(fromFollower.tags()).containsExactly(meta1, avc, aac, k2, a2, p2, p3);
        assertThat(fromLeader.tags()).containsExactly(meta1, avc, aac, k2, a2, p2, p3);
        assertThat(gopBudget.reservedBytes()).as("one GOP cache reserves, not two")
                .isEqualTo(GopCache.GRANT_BYTES);
    }

    @Test
    void shouldCacheOnItsOwnAgainAfterTheFollowedSessionEnds() {
        TagFanout leader = new TagFanout("live/test (session)");
        TagFanout follower = new TagFanout("live/test (name)");
        follower.followCaches(leader);
        publishToBoth(follower, leader, meta1, avc, aac, k1, a1);
        follower.endSession();
        leader.complete();
        publish(follower, meta2, avc, k2, a2);

        RecordingSubscriber late = join(follower, true);
        publish(follower, p2);

        assertThat(late.tags()).containsExactly(meta2, avc, k2, a2, p2);
    }
}
