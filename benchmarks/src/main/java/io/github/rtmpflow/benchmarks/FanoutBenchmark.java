package io.github.rtmpflow.benchmarks;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.flv.SubscriberStatistics;
import io.github.rtmpflow.flv.TagFanout;
import io.github.rtmpflow.flv.TagListener;
import io.github.rtmpflow.flv.TagType;
import java.nio.ByteBuffer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of {@code TagFanout.publish(tag)} per published tag, with 1, 10 and 100 consumers, on a
 * mix of tags like a 30 fps stream with AAC audio (a keyframe every 60 frames, so the GOP cache
 * works as in production).
 *
 * <ul>
 *   <li>{@code LISTENER}: synchronous {@code TagListener}s, inline.
 *   <li>{@code FLOW_CALLER_THREAD}: Flow subscribers delivered inline
 *       ({@code SubscribeOptions.CALLER_THREAD}): queue, schedule, drain and {@code onNext}, all
 *       on the benchmark thread, so the figure is the whole CPU cost of a tag.
 *   <li>{@code FLOW_EXECUTOR}: Flow subscribers on one shared delivery thread: the figure is the
 *       producer's side only (enqueue, wake-up when idle); the delivery thread runs beside it
 *       and slow subscribers drop (counted at the end of the trial on standard output).
 * </ul>
 *
 * <pre>
 * ./mvnw -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar FanoutBenchmark -prof gc
 * </pre>
 *
 * <p>Measured on a shared 2-core VM under other load (JDK 17; error bars of 30-100%, so read the
 * shape, not the digits): ns per published tag for 1 / 10 / 100 consumers: {@code LISTENER}
 * 24-31 / 70-80 / 630-730; {@code FLOW_CALLER_THREAD} 39-46 / 370-510 / 4800-5400 (about 45 ns
 * per subscriber per tag); both 0 B/op. {@code FLOW_EXECUTOR} 104 / 232 / 4500 with the single
 * delivery thread falling behind and the subscribers dropping (the drop path), 1-2 B/op from
 * the executor's own queue nodes when it wakes a subscriber.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanoutBenchmark {
    private static final int STREAM_TAGS = 1024;

    /** Consumers of the fan-out. */
    @Param({"1", "10", "100"})
    public int subscribers;

    /** How they consume. */
    @Param({"LISTENER", "FLOW_CALLER_THREAD", "FLOW_EXECUTOR"})
    public String mode;

    private final FlvTag[] stream = new FlvTag[STREAM_TAGS];
    private TagFanout fanout;
    private ExecutorService deliveryThread;
    private Counter counter;
    private int next;

    /** Counts what it receives, so delivery cannot be optimized away. */
    static final class Counter implements TagListener, Flow.Subscriber<FlvTag> {
        long tags;
        long bytes;

        @Override
        public void onTag(FlvTag tag) {
            tags++;
            bytes += tag.size();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(FlvTag tag) {
            onTag(tag);
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }

    /** Builds the stream and subscribes the consumers. */
    @Setup(Level.Trial)
    public void setUp() {
        int frame = 0;
        for (int i = 0; i < STREAM_TAGS; i++) {
            if (i % 5 == 1 || i % 5 == 3) {
                stream[i] = tag(TagType.AUDIO, frame * 33L, 0xAF, 1, 370);
            } else {
                boolean key = frame % 60 == 0;
                stream[i] = tag(TagType.VIDEO, frame * 33L, key ? 0x17 : 0x27, 1, key ? 60_000 : 8_000);
                frame++;
            }
        }
        fanout = new TagFanout("bench");
        counter = new Counter();
        deliveryThread = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "fanout-bench-delivery");
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < subscribers; i++) {
            switch (mode) {
                case "LISTENER":
                    fanout.addListener(counter);
                    break;
                case "FLOW_CALLER_THREAD":
                    fanout.subscribe(counter, SubscribeOptions.defaults().withExecutor(SubscribeOptions.CALLER_THREAD));
                    break;
                default:
                    // Each subscriber counts into its own object: they run on another thread.
                    fanout.subscribe(new Counter(), SubscribeOptions.defaults().withExecutor(deliveryThread));
                    break;
            }
        }
    }

    private static FlvTag tag(TagType type, long timestamp, int first, int packetType, int size) {
        byte[] body = new byte[size];
        body[0] = (byte) first;
        body[1] = (byte) packetType;
        return FlvTag.of(type, timestamp, ByteBuffer.wrap(body));
    }

    /** Reports drops of the executor mode, then stops the delivery thread. */
    @TearDown(Level.Trial)
    public void tearDown() {
        long dropped = 0;
        for (SubscriberStatistics statistics : fanout.statistics().subscribers()) {
            dropped += statistics.droppedTags();
        }
        System.out.println("published=" + fanout.statistics().publishedTags() + " dropped=" + dropped
                + " counted=" + counter.tags);
        fanout.complete();
        deliveryThread.shutdownNow();
    }

    /** Publishes the next tag of the stream to every consumer. */
    @Benchmark
    public boolean publish() {
        FlvTag tag = stream[next];
        next = (next + 1) & (STREAM_TAGS - 1);
        return fanout.publish(tag);
    }
}
