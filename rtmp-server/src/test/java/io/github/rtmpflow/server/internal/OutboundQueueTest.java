package io.github.rtmpflow.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

    private static RawMessage video(long timestamp, int length, int seed) {
        byte[] payload = new byte[length];
        new Random(seed).nextBytes(payload);
        return new RawMessage(6, timestamp, MessageTypes.VIDEO, 1, ByteBuffer.wrap(payload).asReadOnlyBuffer());
    }

    @Test
    void shouldEncodeMessagesIntoOnePooledBufferAndGiveItBackOnceWritten() throws Exception {
        OutboundBufferPool pool = new OutboundBufferPool();
        OutboundQueue queue = new OutboundQueue(pool);
        ChunkEncoder encoder = new ChunkEncoder();
        ChunkEncoder reference = new ChunkEncoder();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        for (int i = 0; i < 3; i++) {
            RawMessage m = video(33L * i, 300 + i, i);
            queue.encode(encoder, m);
            expected.write(toArray(reference.encode(m)));
        }
        ThrottledChannel channel = new ThrottledChannel(100_000);

        assertThat(queue.queuedBytes()).isEqualTo(expected.size());
        assertThat(queue.writeTo(channel)).isTrue();

        assertThat(channel.taken.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(channel.buffersOffered).containsExactly(1);
        assertThat(pool.allocatedCount()).isEqualTo(1);
        assertThat(pool.idleCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 250, 100_000})
    void shouldKeepTheOrderOfEncodedAndAddedBytesAcrossPartialWrites(int budgetPerWrite) throws Exception {
        OutboundBufferPool pool = new OutboundBufferPool();
        OutboundQueue queue = new OutboundQueue(pool);
        ChunkEncoder encoder = new ChunkEncoder();
        ChunkEncoder reference = new ChunkEncoder();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        ThrottledChannel channel = new ThrottledChannel(budgetPerWrite);
        Random random = new Random(42);
        for (int i = 0; i < 60; i++) {
            if (random.nextInt(4) == 0) {
                byte[] control = {(byte) i, (byte) (i + 1)};
                queue.add(ByteBuffer.wrap(control));
                expected.write(control);
            } else {
                // Up to twice a pool buffer: the large ones take the heap path.
                RawMessage m = video(10L * i, 1 + random.nextInt(2 * OutboundBufferPool.BUFFER_SIZE), i);
                queue.encode(encoder, m);
                expected.write(toArray(reference.encode(m)));
            }
            channel.budget = budgetPerWrite;
            queue.writeTo(channel);
        }
        channel.budget = Integer.MAX_VALUE;

        assertThat(queue.writeTo(channel)).isTrue();

        assertThat(channel.taken.toByteArray()).isEqualTo(expected.toByteArray());
        assertThat(queue.isEmpty()).isTrue();
        assertThat(pool.idleCount()).isEqualTo((int) Math.min(pool.allocatedCount(), OutboundBufferPool.MAX_IDLE));
    }

    @Test
    void shouldGiveBackPooledBuffersWhenCleared() {
        OutboundBufferPool pool = new OutboundBufferPool();
        OutboundQueue queue = new OutboundQueue(pool);
        ChunkEncoder encoder = new ChunkEncoder();
        queue.encode(encoder, video(0, 100_000, 1));
        queue.encode(encoder, video(33, 100_000, 2));

        queue.clear();

        assertThat(queue.isEmpty()).isTrue();
        assertThat(pool.allocatedCount()).isEqualTo(2);
        assertThat(pool.idleCount()).isEqualTo(2);
    }

    private static byte[] toArray(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
