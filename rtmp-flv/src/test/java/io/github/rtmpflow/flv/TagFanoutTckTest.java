package io.github.rtmpflow.flv;

import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;

/**
 * The Reactive Streams TCK for {@link TagFanout}, run by the TestNG engine on the JUnit
 * Platform.
 *
 * <p>A fan-out is hot: tags published before a subscriber joins are not replayed. So each
 * {@code subscribe} on the publisher under test gets a fresh fan-out and a producer that
 * publishes exactly the requested number of tags and then completes; the producer is paced by
 * the {@link OverflowPolicy#PAUSE_PRODUCER} policy (publish until paused, go on when resumed),
 * which lets the TCK ask for up to {@code Long.MAX_VALUE - 1} tags without an unbounded queue.
 * The tags of one publisher are the same instances for every subscriber, as the multicast rules
 * (1.11) expect of a stream that every subscriber receives from the start.
 */
public class TagFanoutTckTest extends FlowPublisherVerification<FlvTag> {
    private static final long TIMEOUT_MILLIS = 2000;
    private static final long NO_SIGNALS_TIMEOUT_MILLIS = 100;
    private static final long POLL_TIMEOUT_MILLIS = 10;
    /** Tags up to this index are created once per publisher, so every subscriber gets the same ones. */
    private static final int SHARED_TAGS = 1024;
    private static final long GC_TIMEOUT_MILLIS = 500;

    private final ExecutorService producers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "tck-producer");
        thread.setDaemon(true);
        return thread;
    });

    public TagFanoutTckTest() {
        super(new TestEnvironment(TIMEOUT_MILLIS, NO_SIGNALS_TIMEOUT_MILLIS, POLL_TIMEOUT_MILLIS), GC_TIMEOUT_MILLIS);
    }

    @AfterClass
    public void stopProducers() {
        producers.shutdownNow();
    }

    @Override
    public Flow.Publisher<FlvTag> createFlowPublisher(long elements) {
        AtomicReferenceArray<FlvTag> tags = new AtomicReferenceArray<>((int) Math.min(elements, SHARED_TAGS));
        return subscriber -> {
            TagFanout fanout = new TagFanout("tck");
            fanout.subscribe(subscriber, SubscribeOptions.defaults()
                    .withName("tck")
                    .withBounds(16, 1024)
                    .withOverflowPolicy(OverflowPolicy.PAUSE_PRODUCER));
            Producer producer = new Producer(fanout, elements, tags);
            fanout.onProducerResumed(producer::schedule);
            producer.schedule();
        };
    }

    @Override
    public Flow.Publisher<FlvTag> createFailedFlowPublisher() {
        TagFanout fanout = new TagFanout("tck-failed");
        fanout.fail(new IllegalStateException("publish session failed"));
        return fanout;
    }

    /** Publishes {@code elements} tags, one pass at a time, stopping while paused. */
    private final class Producer {
        private final TagFanout fanout;
        private final long elements;
        private final AtomicReferenceArray<FlvTag> tags;
        private final AtomicInteger wip = new AtomicInteger();
        private long produced;

        Producer(TagFanout fanout, long elements, AtomicReferenceArray<FlvTag> tags) {
            this.fanout = fanout;
            this.elements = elements;
            this.tags = tags;
        }

        void schedule() {
            if (wip.getAndIncrement() == 0) {
                producers.execute(this::run);
            }
        }

        private void run() {
            int missed = 1;
            do {
                // A cancelled subscriber leaves the fan-out empty: stop producing.
                while (produced < elements && fanout.subscriberCount() > 0 && !fanout.isProducerPaused()) {
                    fanout.publish(tag(produced++));
                }
                if (produced == elements && !fanout.isTerminated()) {
                    fanout.complete();
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private FlvTag tag(long index) {
            if (index >= tags.length()) {
                return newTag(index);
            }
            FlvTag tag = tags.get((int) index);
            if (tag == null) {
                tags.compareAndSet((int) index, null, newTag(index));
                tag = tags.get((int) index);
            }
            return tag;
        }

        private FlvTag newTag(long index) {
            byte[] body = {(byte) 0xAF, 1, (byte) index, (byte) (index >> 8)};
            return FlvTag.of(TagType.AUDIO, index, ByteBuffer.wrap(body));
        }
    }
}
