package io.github.rtmpflow.flv;

import static io.github.rtmpflow.flv.RecordingSubscriber.DISCONTINUITY;
import static io.github.rtmpflow.flv.TestTags.aacFrame;
import static io.github.rtmpflow.flv.TestTags.avcSequenceHeader;
import static io.github.rtmpflow.flv.TestTags.interFrame;
import static io.github.rtmpflow.flv.TestTags.keyframe;
import static io.github.rtmpflow.flv.TestTags.metadata;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.Test;

/** A fan-out that outlives publish sessions: discontinuities and cleared caches. */
class SessionTest {
    private final TagFanout fanout = new TagFanout("live/test");
    private final ManualExecutor executor = new ManualExecutor();

    private RecordingSubscriber subscribe(long request) {
        RecordingSubscriber subscriber = new RecordingSubscriber(request);
        fanout.subscribe(subscriber, SubscribeOptions.defaults().withExecutor(executor));
        return subscriber;
    }

    @Test
    void shouldSignalDiscontinuityAfterTheLastTagOfASessionAndBeforeTheNext() {
        RecordingSubscriber subscriber = subscribe(Long.MAX_VALUE);
        FlvTag meta1 = metadata(0);
        FlvTag avc1 = avcSequenceHeader(0);
        FlvTag k1 = keyframe(0, 10);
        FlvTag meta2 = metadata(0);
        FlvTag k2 = keyframe(0, 10);
        fanout.publish(meta1);
        fanout.publish(avc1);
        fanout.publish(k1);
        fanout.endSession();
        fanout.endSession(); // nothing in between: no second signal
        fanout.publish(meta2);
        fanout.publish(k2);
        executor.runAll();

        assertThat(subscriber.events()).containsExactly(meta1, avc1, k1, DISCONTINUITY, meta2, k2);
        assertThat(fanout.statistics().sessions()).isEqualTo(2);
    }

    @Test
    void shouldSignalDiscontinuityWithoutDemand() {
        RecordingSubscriber subscriber = subscribe(1);
        FlvTag k1 = keyframe(0, 10);
        fanout.publish(k1);
        fanout.endSession();
        executor.runAll();

        assertThat(subscriber.events()).containsExactly(k1, DISCONTINUITY);
    }

    @Test
    void shouldClearTheJoinCacheAtTheEndOfASession() {
        fanout.publish(metadata(0));
        fanout.publish(avcSequenceHeader(0));
        fanout.publish(keyframe(0, 10));
        fanout.endSession();
        FlvTag a1 = aacFrame(0, 10);
        fanout.publish(a1);
        RecordingSubscriber late = subscribe(Long.MAX_VALUE);
        FlvTag a2 = aacFrame(23, 10);
        fanout.publish(a2);
        executor.runAll();

        assertThat(late.events()).containsExactly(a2);
    }

    @Test
    void shouldNotSignalSubscribersThatJoinedBetweenSessions() {
        fanout.publish(keyframe(0, 10));
        fanout.endSession();
        RecordingSubscriber between = subscribe(Long.MAX_VALUE);
        fanout.endSession();
        FlvTag k = keyframe(0, 10);
        fanout.publish(k);
        executor.runAll();

        assertThat(between.events()).containsExactly(k);
    }

    @Test
    void shouldStartEveryoneAfreshInTheNextSession() {
        RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
        fanout.subscribe(subscriber, SubscribeOptions.defaults().withExecutor(executor).withBounds(2, 1 << 20));
        executor.runAll();
        fanout.publish(keyframe(0, 10));
        fanout.publish(interFrame(33, 10));
        fanout.publish(interFrame(66, 10)); // dropped: the subscriber is behind
        fanout.endSession();
        executor.runAll();
        // The new session starts with audio: it is delivered, not held back for a keyframe.
        FlvTag a1 = aacFrame(0, 10);
        fanout.publish(a1);
        executor.runAll();

        assertThat(subscriber.events()).endsWith(DISCONTINUITY, a1);
    }

    @Test
    void shouldNotBotherSubscribersThatDoNotListenForDiscontinuities() {
        List<Object> events = new ArrayList<>();
        fanout.subscribe(new Flow.Subscriber<FlvTag>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(FlvTag tag) {
                events.add(tag);
            }

            @Override
            public void onError(Throwable throwable) {
                events.add(throwable);
            }

            @Override
            public void onComplete() {
                events.add("complete");
            }
        }, SubscribeOptions.defaults().withExecutor(executor));
        FlvTag k1 = keyframe(0, 10);
        FlvTag k2 = keyframe(0, 10);
        fanout.publish(k1);
        fanout.endSession();
        fanout.publish(k2);
        fanout.complete();
        executor.runAll();

        assertThat(events).containsExactly(k1, k2, "complete");
    }

    @Test
    void shouldTellListenersToo() {
        List<Object> events = new ArrayList<>();
        fanout.addListener(new TagListener() {
            @Override
            public void onTag(FlvTag tag) {
                events.add(tag);
            }

            @Override
            public void onDiscontinuity() {
                events.add(DISCONTINUITY);
            }
        });
        FlvTag k1 = keyframe(0, 10);
        FlvTag k2 = keyframe(0, 10);
        fanout.publish(k1);
        fanout.endSession();
        fanout.publish(k2);

        assertThat(events).containsExactly(k1, DISCONTINUITY, k2);
    }
}
