package io.github.rtmpflow.benchmarks;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.FlvWriter;
import io.github.rtmpflow.flv.TagType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * FLV writing throughput: one second of a 4 Mbit/s H.264 + AAC stream (30 video tags, a
 * keyframe each second, 47 audio tags) per operation, written by {@link FlvWriter} to a channel
 * that discards the bytes, with gathering writes (bodies not copied) or through a plain channel
 * (each tag copied once into the writer's buffer). The {@code megabytes} counter is the write
 * rate in MB/s.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar FlvWriteBenchmark -prof gc}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class FlvWriteBenchmark {
    private static final int VIDEO_TAGS_PER_SECOND = 30;
    private static final int AUDIO_TAGS_PER_SECOND = 47;

    private List<FlvTag> second;
    private long secondBytes;
    private FlvWriter writer;
    private FlvWriter copyingWriter;
    private long timestamp;

    /** Bytes written, reported by JMH as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Written {
        /** Megabytes written; JMH divides by the time, giving MB/s. */
        public double megabytes;
    }

    /** Builds one second of tags with random payloads and the writer. */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Random random = new Random(1);
        second = new ArrayList<>();
        for (int i = 0; i < VIDEO_TAGS_PER_SECOND; i++) {
            byte[] body = new byte[i == 0 ? 60_000 : 14_000];
            random.nextBytes(body);
            body[0] = (byte) (i == 0 ? 0x17 : 0x27);
            body[1] = 1;
            second.add(FlvTag.of(TagType.VIDEO, i * 33L, ByteBuffer.wrap(body)));
            if (i < AUDIO_TAGS_PER_SECOND) {
                second.add(audio(random, i));
            }
        }
        for (int i = VIDEO_TAGS_PER_SECOND; i < AUDIO_TAGS_PER_SECOND; i++) {
            second.add(audio(random, i));
        }
        secondBytes = second.stream().mapToLong(t -> t.size() + 15L).sum();
        writer = new FlvWriter(new DiscardChannel());
        copyingWriter = new FlvWriter(new PlainDiscardChannel());
    }

    private static FlvTag audio(Random random, int i) {
        byte[] body = new byte[370];
        random.nextBytes(body);
        body[0] = (byte) 0xAF;
        body[1] = 1;
        return FlvTag.of(TagType.AUDIO, i * 21L, ByteBuffer.wrap(body));
    }

    /** Writes one second of the stream with gathering writes (no copy of the bodies). */
    @Benchmark
    public long writeOneSecond(Written written) throws IOException {
        return writeSecond(writer, written);
    }

    /** Writes one second of the stream to a channel without gathering: each tag is copied once. */
    @Benchmark
    public long writeOneSecondCopying(Written written) throws IOException {
        return writeSecond(copyingWriter, written);
    }

    private long writeSecond(FlvWriter target, Written written) throws IOException {
        for (FlvTag tag : second) {
            target.write(FlvTag.of(tag.type(), timestamp + tag.timestamp(), tag.payload()));
        }
        timestamp += 1000;
        written.megabytes += secondBytes / 1e6;
        return target.committedSize();
    }

    /** A plain (not gathering) channel that drops what it is given. */
    static final class PlainDiscardChannel implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }

    /** A gathering channel that counts and drops what it is given. */
    static final class DiscardChannel implements GatheringByteChannel {

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) {
            long n = 0;
            for (int i = offset; i < offset + length; i++) {
                n += srcs[i].remaining();
                srcs[i].position(srcs[i].limit());
            }
            return n;
        }

        @Override
        public long write(ByteBuffer[] srcs) {
            return write(srcs, 0, srcs.length);
        }

        @Override
        public int write(ByteBuffer src) {
            int n = src.remaining();
            src.position(src.limit());
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
            // nothing to release
        }
    }
}
