package io.github.rtmpflow.benchmarks;

import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.chunk.ChunkDecoder;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Decode throughput of the chunk layer: one operation decodes 10 s of a realistic publish
 * stream (about 3.3 MB) from 64 KB reads of a direct buffer, as the server's read loop does.
 * The {@code bytes} counter (ops/s) is wire bytes per second; {@code -prof gc}'s
 * {@code gc.alloc.rate.norm} is bytes allocated per 10 s of stream, to compare with the
 * payload bytes it carries (printed at setup).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ChunkDecodeBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ChunkDecodeBenchmark {

    private static final int READ_SIZE = 65_536;

    /** Incoming chunk size the publisher set. */
    @Param({"128", "4096", "65536"})
    public int chunkSize;

    private ByteBuffer[] reads;
    private long wireBytes;
    private Blackhole blackhole;

    /** Wire bytes and messages decoded, reported per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Counters {
        /** Wire bytes decoded. */
        public long bytes;
        /** Messages delivered. */
        public long messages;

        /** Clears the counters before each iteration. */
        @Setup(Level.Iteration)
        public void clear() {
            bytes = 0;
            messages = 0;
        }
    }

    /** Builds the stream and cuts it into 64 KB reads. */
    @Setup
    public void setUp() {
        List<RawMessage> messages = MediaStream.messages(10, 1);
        byte[] wire = MediaStream.encode(messages, chunkSize);
        wireBytes = wire.length;
        ByteBuffer direct = ByteBuffer.allocateDirect(wire.length).put(wire).flip();
        int count = (wire.length + READ_SIZE - 1) / READ_SIZE;
        reads = new ByteBuffer[count];
        for (int i = 0; i < count; i++) {
            int from = i * READ_SIZE;
            reads[i] = direct.slice(from, Math.min(READ_SIZE, wire.length - from));
        }
        System.out.printf("%nchunkSize=%d wireBytes=%d payloadBytes=%d messages=%d%n",
                chunkSize, wireBytes, MediaStream.payloadBytes(messages), messages.size() + 1);
    }

    /** Decodes the whole stream with a fresh decoder. */
    @Benchmark
    public long decode(Counters counters, Blackhole bh) {
        blackhole = bh;
        long[] delivered = new long[1];
        ChunkDecoder decoder = new ChunkDecoder(RtmpLimits.DEFAULTS, message -> {
            blackhole.consume(message);
            delivered[0]++;
            return true;
        });
        for (ByteBuffer read : reads) {
            read.position(0);
            decoder.feed(read);
        }
        if (decoder.failed()) {
            throw new IllegalStateException(decoder.error().toString());
        }
        counters.bytes += wireBytes;
        counters.messages += delivered[0];
        return decoder.bytesConsumed();
    }
}
