package io.github.rtmpflow.flv;

import static io.github.rtmpflow.flv.TestTags.aacFrame;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoundedTagQueueTest {
    @Test
    void shouldHoldTwiceTheSoftBoundInAPowerOfTwoRing() {
        assertThat(new BoundedTagQueue(1, 1).capacity()).isEqualTo(2);
        assertThat(new BoundedTagQueue(3, 1).capacity()).isEqualTo(8);
        assertThat(new BoundedTagQueue(1024, 1).capacity()).isEqualTo(2048);
        assertThat(new BoundedTagQueue(SubscribeOptions.MAX_QUEUED_TAGS_LIMIT, 1).capacity())
                .isEqualTo(2 * SubscribeOptions.MAX_QUEUED_TAGS_LIMIT);
    }

    @Test
    void shouldCheckSoftAndHardBoundsByTagsAndBytes() {
        BoundedTagQueue queue = new BoundedTagQueue(2, 100);
        assertThat(queue.fits(1000)).as("an empty queue takes any one tag").isTrue();
        queue.offer(aacFrame(0, 60));
        assertThat(queue.fits(40)).isTrue();
        assertThat(queue.fits(41)).isFalse();
        assertThat(queue.fitsHard(140)).isTrue();
        assertThat(queue.fitsHard(141)).isFalse();
        assertThat(queue.fits(1, 40)).isTrue();
        assertThat(queue.fits(2, 10)).isFalse();
        assertThat(queue.atSoftBound()).isFalse();
        assertThat(queue.belowLowWater()).isFalse();
        queue.offer(aacFrame(1, 10));
        assertThat(queue.atSoftBound()).as("two tags").isTrue();
        assertThat(queue.fits(1)).isFalse();
        queue.offer(aacFrame(2, 10));
        queue.offer(aacFrame(3, 10));
        assertThat(queue.offer(aacFrame(4, 1))).as("four tags: twice the bound").isFalse();
    }

    @Test
    void shouldCountTagsAndBytesAcrossWrapAround() {
        BoundedTagQueue queue = new BoundedTagQueue(2, 1000);
        for (int round = 0; round < 10; round++) {
            FlvTag first = aacFrame(round, 10);
            FlvTag second = aacFrame(round, 25);
            assertThat(queue.offer(first)).isTrue();
            assertThat(queue.offer(BoundedTagQueue.DISCONTINUITY)).isTrue();
            assertThat(queue.offer(second)).isTrue();
            assertThat(queue.size()).isEqualTo(3);
            assertThat(queue.bytes()).isEqualTo(35);

            assertThat(queue.peek()).isSameAs(first);
            queue.remove(first);
            assertThat(queue.peek()).isSameAs(BoundedTagQueue.DISCONTINUITY);
            queue.remove(BoundedTagQueue.DISCONTINUITY);
            assertThat(queue.bytes()).isEqualTo(25);
            assertThat(queue.peek()).isSameAs(second);
            queue.remove(second);
            assertThat(queue.peek()).isNull();
            assertThat(queue.size()).isZero();
            assertThat(queue.bytes()).isZero();
        }
    }

    @Test
    void shouldRefuseWhenFullAndClear() {
        BoundedTagQueue queue = new BoundedTagQueue(1, 1000);
        assertThat(queue.offer(aacFrame(0, 10))).isTrue();
        assertThat(queue.offer(aacFrame(1, 10))).isTrue();
        assertThat(queue.offer(aacFrame(2, 10))).isFalse();

        queue.clear();
        assertThat(queue.size()).isZero();
        assertThat(queue.bytes()).isZero();
        assertThat(queue.offer(aacFrame(3, 10))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void shouldHandOverEveryTagInOrderBetweenTwoThreads(long seed) throws Exception {
        Random random = new Random(seed);
        List<FlvTag> tags = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            tags.add(aacFrame(i, 2 + random.nextInt(50)));
        }
        BoundedTagQueue queue = new BoundedTagQueue(8, 1 << 20);
        CompletableFuture<List<FlvTag>> consumer = CompletableFuture.supplyAsync(() -> {
            List<FlvTag> received = new ArrayList<>();
            while (received.size() < tags.size()) {
                Object head = queue.peek();
                if (head == null) {
                    Thread.yield();
                    continue;
                }
                queue.remove(head);
                received.add((FlvTag) head);
            }
            return received;
        });
        for (FlvTag tag : tags) {
            while (!queue.offer(tag)) {
                Thread.yield();
            }
        }

        assertThat(consumer.get(30, TimeUnit.SECONDS)).containsExactlyElementsOf(tags);
        assertThat(queue.bytes()).isZero();
    }
}
