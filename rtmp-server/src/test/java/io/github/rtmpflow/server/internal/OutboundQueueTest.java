package io.github.rtmpflow.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

    /** A channel that takes at most {@code budget} bytes per write call, like a full kernel buffer. */
    static final class ThrottledChannel implements GatheringByteChannel {
        final ByteArrayOutputStream taken = new ByteArrayOutputStream();
        final List<Integer> buffersOffered = new ArrayList<>();
        int budget;

        ThrottledChannel(int budget) {
            this.budget = budget;
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            buffersOffered.add(length);
            long total = 0;
            for (int i = offset; i < offset + length && budget > 0; i++) {
                while (srcs[i].hasRemaining() && budget > 0) {
                    taken.write(srcs[i].get());
                    budget--;
                    total++;
                }
            }
            return total;
        }

        @Override
        public long write(ByteBuffer[] srcs) {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(ByteBuffer src) {
            return (int) write(new ByteBuffer[] {src}, 0, 1);
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    void shouldWriteEverythingInOrderWithOneGatheringWrite() throws Exception {
        OutboundQueue queue = new OutboundQueue();
        queue.add(ByteBuffer.wrap(new byte[] {1, 2}));
        queue.add(ByteBuffer.wrap(new byte[0]));
        queue.add(ByteBuffer.wrap(new byte[] {3}));
        ThrottledChannel channel = new ThrottledChannel(100);

        assertThat(queue.writeTo(channel)).isTrue();

        assertThat(channel.taken.toByteArray()).containsExactly(1, 2, 3);
        assertThat(channel.buffersOffered).containsExactly(2);
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.writtenBytes()).isEqualTo(3);
    }

    @Test
    void shouldKeepTheRestWhenTheChannelTakesLessAndResumeLater() throws Exception {
        OutboundQueue queue = new OutboundQueue();
        queue.add(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        queue.add(ByteBuffer.wrap(new byte[] {4, 5}));
        ThrottledChannel channel = new ThrottledChannel(4);

        assertThat(queue.writeTo(channel)).isFalse();
        assertThat(queue.queuedBytes()).isEqualTo(1);

        channel.budget = 10;
        assertThat(queue.writeTo(channel)).isTrue();
        assertThat(channel.taken.toByteArray()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void shouldGatherAtMostTheBoundPerWriteAndStillWriteAll() throws Exception {
        OutboundQueue queue = new OutboundQueue();
        int count = OutboundQueue.MAX_GATHER * 2 + 3;
        for (int i = 0; i < count; i++) {
            queue.add(ByteBuffer.wrap(new byte[] {(byte) i}));
        }
        ThrottledChannel channel = new ThrottledChannel(10_000);

        assertThat(queue.writeTo(channel)).isTrue();

        assertThat(channel.taken.size()).isEqualTo(count);
        assertThat(channel.buffersOffered).allMatch(n -> n <= OutboundQueue.MAX_GATHER);
    }
}
