package io.github.rtmpflow.flv;

import static io.github.rtmpflow.flv.TestTags.aacFrame;
import static io.github.rtmpflow.flv.TestTags.interFrame;
import static io.github.rtmpflow.flv.TestTags.keyframe;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.chunk.BoundedBudget;
import io.github.rtmpflow.core.chunk.BufferBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GopCacheTest {
    private static List<FlvTag> contents(GopCache cache) {
        List<FlvTag> tags = new ArrayList<>();
        for (int i = 0; i < cache.size(); i++) {
            tags.add(cache.get(i));
        }
        return tags;
    }

    @Test
    void shouldKeepTagsFromTheLastKeyframe() {
        GopCache cache = new GopCache(100, 1 << 20, BufferBudget.UNLIMITED);
        FlvTag k2 = keyframe(66, 50);
        FlvTag a = aacFrame(70, 10);
        FlvTag p = interFrame(99, 20);
        cache.append(interFrame(0, 20)); // no GOP yet: ignored
        cache.restart(keyframe(0, 50));
        cache.append(interFrame(33, 20));
        cache.restart(k2);
        cache.append(a);
        cache.append(p);

        assertThat(contents(cache)).containsExactly(k2, a, p);
        assertThat(cache.bytes()).isEqualTo(80);
    }

    @Test
    void shouldDropTheWholeGopWhenItOutgrowsTheTagBound() {
        GopCache cache = new GopCache(3, 1 << 20, BufferBudget.UNLIMITED);
        cache.restart(keyframe(0, 10));
        cache.append(interFrame(1, 10));
        cache.append(interFrame(2, 10));
        assertThat(cache.size()).isEqualTo(3);
        cache.append(interFrame(3, 10));
        cache.append(interFrame(4, 10)); // stays dropped until the next keyframe

        assertThat(cache.size()).isZero();
        assertThat(cache.bytes()).isZero();
        FlvTag k = keyframe(5, 10);
        cache.restart(k);
        assertThat(contents(cache)).containsExactly(k);
    }

    @Test
    void shouldDropTheWholeGopWhenItOutgrowsTheByteBound() {
        GopCache cache = new GopCache(100, 100, BufferBudget.UNLIMITED);
        cache.restart(keyframe(0, 60));
        cache.append(interFrame(1, 40));
        assertThat(cache.size()).isEqualTo(2);
        cache.append(interFrame(2, 1));

        assertThat(cache.size()).isZero();
        cache.restart(keyframe(3, 101));
        assertThat(cache.size()).as("a keyframe alone beyond the bound").isZero();
    }

    @Test
    void shouldCacheNothingWhenDisabled() {
        GopCache cache = new GopCache(0, 0, BufferBudget.UNLIMITED);
        cache.restart(keyframe(0, 10));
        cache.append(interFrame(1, 10));

        assertThat(cache.size()).isZero();
    }

    @Test
    void shouldDropTheGopWhenTheSharedBudgetHasNoRoomAndGiveItsBytesBack() {
        BoundedBudget budget = new BoundedBudget(100);
        GopCache first = new GopCache(100, 1 << 20, budget);
        GopCache second = new GopCache(100, 1 << 20, budget);
        first.restart(keyframe(0, 60));
        second.restart(keyframe(0, 30));
        assertThat(budget.reservedBytes()).isEqualTo(90);

        second.append(interFrame(1, 20)); // 110 > 100: the second stream's GOP goes, not a tag

        assertThat(second.size()).isZero();
        assertThat(first.size()).isEqualTo(1);
        assertThat(budget.reservedBytes()).isEqualTo(60);
        FlvTag k = keyframe(2, 40);
        second.restart(k);
        assertThat(contents(second)).containsExactly(k);
        first.clear();
        second.clear();
        assertThat(budget.reservedBytes()).isZero();
    }

    @Test
    void shouldReleaseWhatItReservedWhenAKeyframeRestartsTheGop() {
        BoundedBudget budget = new BoundedBudget(1000);
        GopCache cache = new GopCache(100, 1 << 20, budget);
        cache.restart(keyframe(0, 100));
        cache.append(interFrame(1, 50));
        cache.restart(keyframe(2, 70));

        assertThat(budget.reservedBytes()).isEqualTo(70).isEqualTo(cache.bytes());
    }

    @Test
    void shouldReserveInGrantsSoTheSharedBudgetIsTouchedOncePerGrantNotPerTag() {
        BoundedBudget shared = new BoundedBudget(1 << 20);
        AtomicInteger reservations = new AtomicInteger();
        BufferBudget counting = new BufferBudget() {
            @Override
            public boolean tryReserve(long bytes) {
                reservations.incrementAndGet();
                return shared.tryReserve(bytes);
            }

            @Override
            public void release(long bytes) {
                shared.release(bytes);
            }
        };
        GopCache cache = new GopCache(1000, 1 << 20, counting);
        cache.restart(keyframe(0, 1000));
        for (int i = 1; i < 100; i++) {
            cache.append(interFrame(i, 1000));
        }

        assertThat(cache.bytes()).isEqualTo(100_000);
        assertThat(reservations.get()).isEqualTo(2); // 100 000 bytes in grants of 65 536
        assertThat(shared.reservedBytes()).isEqualTo(2 * GopCache.GRANT_BYTES);
        cache.clear();
        assertThat(shared.reservedBytes()).isZero();
    }

    @Test
    void shouldNeverReserveMoreThanItsOwnBoundAndGiveEverythingBackWhenTheGopOutgrowsIt() {
        BoundedBudget shared = new BoundedBudget(1 << 20);
        GopCache cache = new GopCache(1000, 10_000, shared);
        cache.restart(keyframe(0, 4000));
        assertThat(shared.reservedBytes()).as("a grant capped at the 10 000-byte bound").isEqualTo(10_000);
        cache.append(interFrame(1, 4000));

        cache.append(interFrame(2, 4000)); // 12 000 > 10 000: the GOP is dropped

        assertThat(cache.size()).isZero();
        assertThat(shared.reservedBytes()).isZero();
    }
}
