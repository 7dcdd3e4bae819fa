package io.github.rtmpflow.benchmarks;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The floor under any ingest that hands each message to the application as its own array: one
 * operation allocates a fresh {@code byte[]} per message and copies it out of a 256 KiB direct
 * read buffer (the server's read size), nothing else: no chunk headers, no parsing, no fan-out.
 * Compared with {@link ChunkDecodeBenchmark} it shows what the chunk layer adds to the copy;
 * compared with the read-and-discard server of {@code scripts/compare-nginx.sh} it bounds how
 * close to that baseline such a server can come on a machine. The {@code bytes} counter (ops/s)
 * is bytes copied per second.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar PayloadCopyBenchmark -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class PayloadCopyBenchmark {

    private static final int READ_SIZE = 256 * 1024;

    /** Message length: an average frame of the load generator's fast mode (4.3 KB), a 720p frame, a keyframe. */
    @Param({"4300", "10240", "61440"})
    public int messageSize;

    private ByteBuffer read;

    /** Fills the read buffer with non-zero bytes. */
    @Setup
    public void setUp() {
        read = ByteBuffer.allocateDirect(READ_SIZE);
        for (int i = 0; i < READ_SIZE; i++) {
            read.put(i, (byte) (i * 31 + 7));
        }
    }

    /** Copies one full read buffer out, one fresh array per message. */
    @Benchmark
    public void copy(ByteCounter counters, Blackhole bh) {
        int copied = 0;
        read.clear();
        while (read.remaining() >= messageSize) {
            byte[] payload = new byte[messageSize];
            read.get(payload);
            bh.consume(payload);
            copied += messageSize;
        }
        counters.bytes += copied;
    }
}
