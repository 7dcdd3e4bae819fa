package io.github.rtmpflow.flv;

import static io.github.rtmpflow.flv.TestTags.aacFrame;
import static io.github.rtmpflow.flv.TestTags.interFrame;
import static io.github.rtmpflow.flv.TestTags.keyframe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Delivery to subscribers that keep up: order, bytes, threads, demand, termination. */
class DeliveryTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final TagFanout fanout = new TagFanout("live/test");

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** A subscriber that asks for one tag at a time, from within onNext. */
    private static final class OneByOneSubscriber extends RecordingSubscriber {
        OneByOneSubscriber() {
            super(1);
        }

        @Override
        public void onNext(FlvTag tag) {
            super.onNext(tag);
            request(1);
        }
    }

    /** A seeded stream: video at 30 fps with a keyframe every 60 frames, AAC between frames. */
    private static List<FlvTag> randomStream(long seed, int count) {
        Random random = new Random(seed);
        List<FlvTag> tags = new ArrayList<>(count);
        tags.add(TestTags.metadata(0));
        tags.add(TestTags.avcSequenceHeader(0));
        tags.add(TestTags.aacSequenceHeader(0));
        int frame = 0;
        while (tags.size() < count) {
            long timestamp = frame * 33L;
            if (random.nextInt(3) > 0) {
                tags.add(aacFrame(timestamp + random.nextInt(33), 2 + random.nextInt(400)));
            } else {
                int size = 2 + random.nextInt(frame % 60 == 0 ? 20_000 : 3_000);
                tags.add(frame % 60 == 0 ? keyframe(timestamp, size) : interFrame(timestamp, size));
                frame++;
            }
        }
        return tags;
    }

    private static byte[] bytes(FlvTag tag) {
        ByteBuffer payload = tag.payload();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        return bytes;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void shouldDeliverEveryTagByteIdenticalAndInOrderToEverySubscriberThatKeepsUp(long seed) throws Exception {
        List<FlvTag> stream = randomStream(seed, 3000);
        List<byte[]> expectedBytes = new ArrayList<>();
        for (FlvTag tag : stream) {
            expectedBytes.add(bytes(tag));
        }
        SubscribeOptions roomy = SubscribeOptions.defaults().withBounds(stream.size(), 1L << 30);
        List<RecordingSubscriber> subscribers = List.of(
                new RecordingSubscriber(Long.MAX_VALUE), new OneByOneSubscriber(), new RecordingSubscriber(Long.MAX_VALUE),
                new OneByOneSubscriber(), new RecordingSubscriber(Long.MAX_VALUE), new OneByOneSubscriber());
        fanout.subscribe(subscribers.get(0), roomy.withName("default-executor"));
        fanout.subscribe(subscribers.get(1), roomy.withName("pool-1").withExecutor(pool));
        fanout.subscribe(subscribers.get(2), roomy.withName("pool-2").withExecutor(pool));
        fanout.subscribe(subscribers.get(3), roomy.withName("common-pool").withExecutor(ForkJoinPool.commonPool()));
        fanout.subscribe(subscribers.get(4), roomy.withName("caller").withExecutor(SubscribeOptions.CALLER_THREAD));
        // Lossless by backpressure rather than by room: small bounds, and the producer waits.
        fanout.subscribe(subscribers.get(5), SubscribeOptions.defaults().withName("paced").withBounds(8, 64 * 1024)
                .withOverflowPolicy(OverflowPolicy.PAUSE_PRODUCER));
        List<FlvTag> listened = new ArrayList<>();
        fanout.addListener(listened::add);
        Semaphore resumed = new Semaphore(0);
        fanout.onProducerResumed(resumed::release);

        for (FlvTag tag : stream) {
            if (!fanout.publish(tag)) {
                while (fanout.isProducerPaused()) {
                    assertThat(resumed.tryAcquire(30, TimeUnit.SECONDS)).as("resumed").isTrue();
                }
            }
        }
        fanout.complete();

        for (RecordingSubscriber subscriber : subscribers) {
            assertThat(subscriber.awaitTerminated()).isTrue();
            assertThat(subscriber.events()).last().isEqualTo(RecordingSubscriber.COMPLETE);
            assertDeliveredExactly(subscriber.tags(), stream, expectedBytes);
        }
        assertDeliveredExactly(listened, stream, expectedBytes);
        assertThat(fanout.statistics().publishedTags()).isEqualTo(stream.size());
    }

    private static void assertDeliveredExactly(List<FlvTag> received, List<FlvTag> sent, List<byte[]> expectedBytes) {
        assertThat(received).hasSameSizeAs(sent);
        for (int i = 0; i < sent.size(); i++) {
            FlvTag tag = received.get(i);
            assertThat(tag.type()).isEqualTo(sent.get(i).type());
            assertThat(tag.timestamp()).isEqualTo(sent.get(i).timestamp());
            assertThat(bytes(tag)).as("tag %d", i).isEqualTo(expectedBytes.get(i));
        }
    }

    @Test
    void shouldNeverDeliverOnThePublishingThreadUnlessAsked() throws InterruptedException {
        RecordingSubscriber pooled = new RecordingSubscriber(Long.MAX_VALUE);
        RecordingSubscriber inline = new RecordingSubscriber(Long.MAX_VALUE);
        fanout.subscribe(pooled);
        fanout.subscribe(inline, SubscribeOptions.defaults().withExecutor(SubscribeOptions.CALLER_THREAD));
        fanout.publish(keyframe(0, 10));
        fanout.complete();

        assertThat(pooled.awaitTerminated()).isTrue();
        assertThat(pooled.threads()).isNotEmpty().doesNotContain(Thread.currentThread())
                .allSatisfy(thread -> assertThat(thread.getName()).startsWith("rtmpflow-fanout-"));
        assertThat(inline.threads()).containsExactly(Thread.currentThread());
    }

    @Test
    void shouldDeliverNoMoreThanRequested() {
        ManualExecutor executor = new ManualExecutor();
        RecordingSubscriber subscriber = new RecordingSubscriber(2);
        fanout.subscribe(subscriber, SubscribeOptions.defaults().withExecutor(executor));
        List<FlvTag> tags = List.of(keyframe(0, 10), aacFrame(1, 10), interFrame(2, 10), aacFrame(3, 10),
                interFrame(4, 10));
        tags.forEach(fanout::publish);
        executor.runAll();
        assertThat(subscriber.tags()).containsExactlyElementsOf(tags.subList(0, 2));
        assertThat(fanout.statistics().subscribers().get(0).queuedTags()).isEqualTo(3);

        subscriber.request(2);
        executor.runAll();
        assertThat(subscriber.tags()).containsExactlyElementsOf(tags.subList(0, 4));
        fanout.complete();
        executor.runAll();
        assertThat(subscriber.events()).doesNotContain(RecordingSubscriber.COMPLETE);

        subscriber.request(1);
        executor.runAll();
        assertThat(subscriber.tags()).containsExactlyElementsOf(tags);
        assertThat(subscriber.events()).last().isEqualTo(RecordingSubscriber.COMPLETE);
    }

    @Test
    void shouldCompleteSubscribersAfterTheirQueuedTags() {
        ManualExecutor executor = new ManualExecutor();
        RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
        fanout.subscribe(subscriber, SubscribeOptions.defaults().withExecutor(executor));
        FlvTag k = keyframe(0, 10);
        FlvTag p = interFrame(33, 10);
        fanout.publish(k);
        fanout.publish(p);
        fanout.complete();
        executor.runAll();

        assertThat(subscriber.events()).containsExactly(k, p, RecordingSubscriber.COMPLETE);
        assertThat(fanout.subscriberCount()).isZero();
        assertThatThrownBy(() -> fanout.publish(k)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("name=live/test");
    }

    @Test
    void shouldFailSubscribersAfterTheirQueuedTags() {
        ManualExecutor executor = new ManualExecutor();
        RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
        fanout.subscribe(subscriber, SubscribeOptions.defaults().withExecutor(executor));
        List<Throwable> listenerErrors = new ArrayList<>();
        fanout.addListener(new TagListener() {
            @Override
            public void onTag(FlvTag tag) {
            }

            @Override
            public void onError(Throwable error) {
                listenerErrors.add(error);
            }
        });
        FlvTag k = keyframe(0, 10);
        IllegalStateException failure = new IllegalStateException("publisher connection reset");
        fanout.publish(k);
        fanout.fail(failure);
        fanout.complete(); // too late: the first terminal signal wins
        executor.runAll();

        assertThat(subscriber.events()).containsExactly(k, failure);
        assertThat(listenerErrors).containsExactly(failure);
    }

    @Test
    void shouldTerminateSubscribersThatJoinAfterTheEnd() throws InterruptedException {
        IllegalStateException failure = new IllegalStateException("gone");
        fanout.fail(failure);
        RecordingSubscriber late = new RecordingSubscriber(0);
        fanout.subscribe(late);
        List<Throwable> listenerErrors = new ArrayList<>();
        fanout.addListener(new TagListener() {
            @Override
            public void onTag(FlvTag tag) {
            }

            @Override
            public void onError(Throwable error) {
                listenerErrors.add(error);
            }
        });

        assertThat(late.awaitTerminated()).isTrue();
        assertThat(late.subscription()).isNotNull();
        assertThat(late.events()).containsExactly(failure);
        assertThat(listenerErrors).containsExactly(failure);
        assertThat(fanout.subscriberCount()).isZero();
    }

    @Test
    void shouldIsolateSubscribersAndListenersThatThrow() {
        RecordingSubscriber thrower = new RecordingSubscriber(Long.MAX_VALUE) {
            @Override
            public void onNext(FlvTag tag) {
                super.onNext(tag);
                if (tags().size() == 2) {
                    throw new IllegalStateException("subscriber bug");
                }
            }
        };
        RecordingSubscriber healthy = new RecordingSubscriber(Long.MAX_VALUE);
        SubscribeOptions inline = SubscribeOptions.defaults().withExecutor(SubscribeOptions.CALLER_THREAD);
        TagSubscription throwerHandle = fanout.subscribe(thrower, inline.withName("thrower"));
        fanout.addListener(tag -> {
            throw new IllegalStateException("listener bug");
        });
        fanout.subscribe(healthy, inline.withName("healthy"));
        List<FlvTag> tags = List.of(keyframe(0, 10), aacFrame(1, 10), interFrame(2, 10), aacFrame(3, 10));
        tags.forEach(fanout::publish);
        fanout.complete();

        assertThat(thrower.events()).containsExactlyElementsOf(tags.subList(0, 2));
        assertThat(throwerHandle.isClosed()).isTrue();
        assertThat(healthy.events()).containsSubsequence(tags.get(3), RecordingSubscriber.COMPLETE).hasSize(5);
    }

    @Test
    void shouldSignalIllegalArgumentForNonPositiveRequest() {
        RecordingSubscriber subscriber = new RecordingSubscriber(0);
        fanout.subscribe(subscriber, SubscribeOptions.defaults().withExecutor(SubscribeOptions.CALLER_THREAD));
        fanout.publish(keyframe(0, 10));
        subscriber.request(0);

        assertThat(subscriber.events()).singleElement().isInstanceOf(IllegalArgumentException.class);
        assertThat(fanout.subscriberCount()).isZero();
    }

    @Test
    void shouldStopDeliveryAndFreeTheQueueOnCancel() {
        ManualExecutor executor = new ManualExecutor();
        RecordingSubscriber subscriber = new RecordingSubscriber(Long.MAX_VALUE);
        TagSubscription handle = fanout.subscribe(subscriber, SubscribeOptions.defaults().withExecutor(executor));
        executor.runAll();
        fanout.publish(keyframe(0, 10));
        fanout.publish(interFrame(1, 10));
        assertThat(handle.statistics().queuedTags()).isEqualTo(2);

        handle.cancel();
        executor.runAll();
        fanout.publish(interFrame(2, 10));
        executor.runAll();

        assertThat(fanout.subscriberCount()).isZero();
        assertThat(handle.statistics().queuedTags()).isZero();
        assertThat(handle.statistics().queuedBytes()).isZero();
        assertThat(subscriber.events()).isEmpty();
        assertThat(executor.pending()).isZero();
    }

    @Test
    void shouldCancelSubscriberWhoseExecutorRejectsDelivery() {
        RecordingSubscriber rejected = new RecordingSubscriber(Long.MAX_VALUE);
        RecordingSubscriber healthy = new RecordingSubscriber(Long.MAX_VALUE);
        TagSubscription handle = fanout.subscribe(rejected, SubscribeOptions.defaults().withExecutor(task -> {
            throw new RejectedExecutionException("shut down");
        }));
        fanout.subscribe(healthy, SubscribeOptions.defaults().withExecutor(SubscribeOptions.CALLER_THREAD));
        FlvTag k = keyframe(0, 10);
        fanout.publish(k);

        assertThat(handle.isClosed()).isTrue();
        assertThat(fanout.subscriberCount()).isEqualTo(1);
        assertThat(healthy.tags()).containsExactly(k);
    }

    @Test
    void shouldRejectNullSubscriberAndReportStatistics() {
        assertThatThrownBy(() -> fanout.subscribe(null)).isInstanceOf(NullPointerException.class);
        ManualExecutor executor = new ManualExecutor();
        fanout.subscribe(new RecordingSubscriber(1), SubscribeOptions.defaults().withName("one").withExecutor(executor));
        fanout.publish(keyframe(0, 100));
        fanout.publish(interFrame(1, 50));
        executor.runAll();

        FanoutStatistics statistics = fanout.statistics();
        assertThat(statistics.publishedTags()).isEqualTo(2);
        assertThat(statistics.publishedBytes()).isEqualTo(150);
        assertThat(statistics.subscribers()).singleElement().isEqualTo(new SubscriberStatistics(
                "one", OverflowPolicy.DROP_UNTIL_KEYFRAME, 1, 100, 0, 0, 1, 50));
    }
}
