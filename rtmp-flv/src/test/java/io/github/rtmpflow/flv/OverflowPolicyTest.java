package io.github.rtmpflow.flv;

import static io.github.rtmpflow.flv.TestTags.aacFrame;
import static io.github.rtmpflow.flv.TestTags.aacSequenceHeader;
import static io.github.rtmpflow.flv.TestTags.avcSequenceHeader;
import static io.github.rtmpflow.flv.TestTags.cuePoint;
import static io.github.rtmpflow.flv.TestTags.interFrame;
import static io.github.rtmpflow.flv.TestTags.keyframe;
import static io.github.rtmpflow.flv.TestTags.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Overflow policies against a deliberately slow subscriber: its executor runs only when the
 * test says so, so the queue fills exactly as the test publishes.
 */
class OverflowPolicyTest {
    private final TagFanout fanout = new TagFanout("live/test");
    private final ManualExecutor slowExecutor = new ManualExecutor();

    private RecordingSubscriber subscribe(int maxTags, long maxBytes, OverflowPolicy policy) {
        RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
        fanout.subscribe(subscriber, SubscribeOptions.defaults()
                .withName("slow")
                .withExecutor(slowExecutor)
                .withBounds(maxTags, maxBytes)
                .withOverflowPolicy(policy));
        slowExecutor.runAll(); // onSubscribe and its request
        return subscriber;
    }

    private static long bytes(FlvTag... tags) {
        long sum = 0;
        for (FlvTag tag : tags) {
            sum += tag.size();
        }
        return sum;
    }

    @Test
    void shouldDropOnlyMediaUntilKeyframeAndResumeAudioWithIt() {
        RecordingSubscriber subscriber = subscribe(6, 1 << 20, OverflowPolicy.DROP_UNTIL_KEYFRAME);
        FlvTag meta = metadata(0);
        FlvTag avc = avcSequenceHeader(0);
        FlvTag aac = aacSequenceHeader(0);
        FlvTag k1 = keyframe(0, 500);
        FlvTag a1 = aacFrame(0, 20);
        FlvTag p1 = interFrame(33, 100);
        FlvTag a2 = aacFrame(21, 20);
        FlvTag p2 = interFrame(66, 100);
        FlvTag avc2 = avcSequenceHeader(70);
        FlvTag meta2 = metadata(70);
        FlvTag cue = cuePoint(70);
        FlvTag a3 = aacFrame(42, 20);
        for (FlvTag tag : List.of(meta, avc, aac, k1, a1, p1, a2, p2, avc2, meta2, cue, a3)) {
            fanout.publish(tag);
        }
        slowExecutor.runAll();
        // The queue is empty now, but delivery resumes only at a keyframe: audio waits for it.
        FlvTag p3 = interFrame(99, 100);
        FlvTag a4 = aacFrame(63, 20);
        FlvTag k2 = keyframe(132, 500);
        FlvTag a5 = aacFrame(84, 20);
        FlvTag p4 = interFrame(165, 100);
        for (FlvTag tag : List.of(p3, a4, k2, a5, p4)) {
            fanout.publish(tag);
        }
        slowExecutor.runAll();

        assertThat(subscriber.tags()).containsExactly(meta, avc, aac, k1, a1, p1, avc2, meta2, cue, k2, a5, p4);
        SubscriberStatistics statistics = fanout.statistics().subscribers().get(0);
        assertThat(statistics.droppedTags()).isEqualTo(5);
        assertThat(statistics.droppedBytes()).isEqualTo(bytes(a2, p2, a3, p3, a4));
        assertThat(statistics.deliveredTags()).isEqualTo(12);
        assertThat(statistics.deliveredBytes())
                .isEqualTo(bytes(meta, avc, aac, k1, a1, p1, avc2, meta2, cue, k2, a5, p4));
        assertThat(statistics.queuedTags()).isZero();
    }

    @Test
    void shouldResumeAudioOnlyStreamAtAnyAudioFrame() {
        RecordingSubscriber subscriber = subscribe(3, 1 << 20, OverflowPolicy.DROP_UNTIL_KEYFRAME);
        FlvTag aac = aacSequenceHeader(0);
        FlvTag a1 = aacFrame(0, 30);
        FlvTag a2 = aacFrame(23, 30);
        FlvTag a3 = aacFrame(46, 31);
        FlvTag a4 = aacFrame(69, 32);
        for (FlvTag tag : List.of(aac, a1, a2, a3, a4)) {
            fanout.publish(tag);
        }
        slowExecutor.runAll();
        FlvTag a5 = aacFrame(92, 30);
        FlvTag a6 = aacFrame(115, 30);
        fanout.publish(a5);
        fanout.publish(a6);
        slowExecutor.runAll();

        assertThat(subscriber.tags()).containsExactly(aac, a1, a2, a5, a6);
        SubscriberStatistics statistics = fanout.statistics().subscribers().get(0);
        assertThat(statistics.droppedTags()).isEqualTo(2);
        assertThat(statistics.droppedBytes()).isEqualTo(63);
    }

    @Test
    void shouldBoundQueueByBytesButAlwaysTakeOneTagWhenEmpty() {
        RecordingSubscriber subscriber = subscribe(100, 250, OverflowPolicy.DROP_UNTIL_KEYFRAME);
        FlvTag huge = keyframe(0, 4000);
        FlvTag p1 = interFrame(33, 100);
        fanout.publish(huge);
        fanout.publish(p1);
        slowExecutor.runAll();
        FlvTag k2 = keyframe(66, 100);
        FlvTag p2 = interFrame(99, 100);
        FlvTag p3 = interFrame(132, 100);
        for (FlvTag tag : List.of(k2, p2, p3)) {
            fanout.publish(tag);
        }
        slowExecutor.runAll();

        assertThat(subscriber.tags()).containsExactly(huge, k2, p2);
        assertThat(fanout.statistics().subscribers().get(0).droppedTags()).isEqualTo(2);
    }

    @Test
    void shouldDisconnectStalledSubscriberRatherThanDropSequenceHeaders() {
        RecordingSubscriber subscriber = subscribe(2, 1 << 20, OverflowPolicy.DROP_UNTIL_KEYFRAME);
        fanout.publish(keyframe(0, 100));
        fanout.publish(interFrame(33, 100));
        // Full: media is dropped, but headers still go in, up to twice the bound.
        fanout.publish(interFrame(66, 100));
        fanout.publish(metadata(70));
        fanout.publish(avcSequenceHeader(70));
        assertThat(fanout.subscriberCount()).isEqualTo(1);
        fanout.publish(aacSequenceHeader(70));

        assertThat(fanout.subscriberCount()).isZero();
        slowExecutor.runAll();
        assertThat(subscriber.events()).singleElement().isInstanceOf(SubscriberOverflowException.class);
    }

    @Test
    void shouldDisconnectSlowSubscriberWithErrorAndSpareTheOthers() throws InterruptedException {
        RecordingSubscriber slow = subscribe(2, 1 << 20, OverflowPolicy.DISCONNECT);
        RecordingSubscriber fast = new RecordingSubscriber(Long.MAX_VALUE);
        fanout.subscribe(fast, SubscribeOptions.defaults().withExecutor(SubscribeOptions.CALLER_THREAD));
        List<FlvTag> tags = List.of(keyframe(0, 100), interFrame(33, 100), interFrame(66, 100), interFrame(99, 100));
        for (FlvTag tag : tags) {
            fanout.publish(tag);
        }

        assertThat(fanout.subscriberCount()).isEqualTo(1);
        slowExecutor.runAll();
        assertThat(slow.awaitTerminated()).isTrue();
        assertThat(slow.events()).singleElement().isInstanceOfSatisfying(SubscriberOverflowException.class,
                e -> assertThat(e).hasMessageContaining("subscriber=slow").hasMessageContaining("maxQueuedTags=2"));
        fanout.complete();
        assertThat(fast.tags()).containsExactlyElementsOf(tags);
        assertThat(fast.events()).last().isEqualTo(RecordingSubscriber.COMPLETE);
    }

    @Test
    void shouldPauseProducerAtBoundsAndResumeAtHalfDrained() {
        RecordingSubscriber subscriber = new RecordingSubscriber(0);
        fanout.subscribe(subscriber, SubscribeOptions.defaults()
                .withExecutor(slowExecutor)
                .withBounds(4, 1 << 20)
                .withOverflowPolicy(OverflowPolicy.PAUSE_PRODUCER));
        slowExecutor.runAll();
        AtomicInteger resumed = new AtomicInteger();
        fanout.onProducerResumed(resumed::incrementAndGet);
        List<FlvTag> tags = List.of(keyframe(0, 100), aacFrame(0, 20), interFrame(33, 100), aacFrame(23, 20),
                interFrame(66, 100));

        assertThat(fanout.publish(tags.get(0))).isTrue();
        assertThat(fanout.publish(tags.get(1))).isTrue();
        assertThat(fanout.publish(tags.get(2))).isTrue();
        assertThat(fanout.publish(tags.get(3))).isFalse();
        assertThat(fanout.isProducerPaused()).isTrue();
        // A tag the producer already had in hand is kept, not dropped.
        assertThat(fanout.publish(tags.get(4))).isFalse();

        subscriber.request(2);
        slowExecutor.runAll();
        assertThat(fanout.isProducerPaused()).as("3 queued > half of 4").isTrue();
        assertThat(resumed).hasValue(0);
        subscriber.request(1);
        slowExecutor.runAll();
        assertThat(fanout.isProducerPaused()).isFalse();
        assertThat(resumed).hasValue(1);

        subscriber.request(Long.MAX_VALUE);
        assertThat(fanout.publish(aacFrame(46, 20))).isTrue();
        slowExecutor.runAll();
        assertThat(subscriber.tags()).hasSize(6).startsWith(tags.toArray(new FlvTag[0]));
        assertThat(fanout.statistics().subscribers().get(0).droppedTags()).isZero();
        assertThat(resumed).hasValue(1);
    }

    @Test
    void shouldNotPauseProducerForOtherPolicies() {
        subscribe(1, 1 << 20, OverflowPolicy.DROP_UNTIL_KEYFRAME);
        for (int i = 0; i < 10; i++) {
            assertThat(fanout.publish(interFrame(i, 10))).isTrue();
        }
        assertThat(fanout.isProducerPaused()).isFalse();
    }

    @Test
    void shouldDisconnectPausingSubscriberWhenProducerIgnoresThePause() {
        RecordingSubscriber subscriber = subscribe(2, 1 << 20, OverflowPolicy.PAUSE_PRODUCER);
        AtomicInteger resumed = new AtomicInteger();
        fanout.onProducerResumed(resumed::incrementAndGet);
        assertThat(fanout.publish(keyframe(0, 10))).isTrue();
        assertThat(fanout.publish(interFrame(1, 10))).isFalse();
        assertThat(fanout.publish(interFrame(2, 10))).isFalse();
        assertThat(fanout.publish(interFrame(3, 10))).isFalse();

        assertThat(fanout.publish(interFrame(4, 10))).isTrue();
        assertThat(fanout.isProducerPaused()).isFalse();
        assertThat(resumed).hasValue(1);
        slowExecutor.runAll();
        assertThat(subscriber.events()).singleElement().isInstanceOf(SubscriberOverflowException.class);
    }

    @Test
    void shouldReleaseThePauseWhenPausingSubscriberCancels() {
        RecordingSubscriber subscriber = subscribe(1, 1 << 20, OverflowPolicy.PAUSE_PRODUCER);
        AtomicInteger resumed = new AtomicInteger();
        fanout.onProducerResumed(resumed::incrementAndGet);
        assertThat(fanout.publish(keyframe(0, 10))).isFalse();

        subscriber.subscription().cancel();

        assertThat(fanout.isProducerPaused()).isFalse();
        assertThat(resumed).hasValue(1);
        assertThat(fanout.publish(interFrame(1, 10))).isTrue();
    }
}
