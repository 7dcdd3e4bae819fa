package io.github.rtmpflow.benchmarks;

import io.github.rtmpflow.core.chunk.ChunkEncoder;
import io.github.rtmpflow.core.chunk.MessageTypes;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.nio.ByteBuffer;
import java.util.List;
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

/**
 * Encode throughput of the chunk layer: one operation encodes 10 s of a realistic stream
 * (the messages of {@link ChunkDecodeBenchmark}) into a reused direct buffer, as a server
 * does for each player. The {@code bytes} counter (ops/s) is wire bytes per second;
 * {@code -prof gc} should show next to no allocation per operation.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ChunkEncodeBenchmark {

    /** Outgoing chunk size. */
    @Param({"128", "4096", "65536"})
    public int chunkSize;

    private RawMessage[] messages;
    private RawMessage setChunkSize;
    private ByteBuffer out;

    /** Builds the messages and an output buffer large enough for all of them. */
    @Setup
    public void setUp() {
        List<RawMessage> list = MediaStream.messages(10, 1);
        messages = list.toArray(new RawMessage[0]);
        setChunkSize = RawMessage.of(2, 0, MessageTypes.SET_CHUNK_SIZE, 0,
                ByteBuffer.allocate(4).putInt(chunkSize).array());
        out = ByteBuffer.allocateDirect(MediaStream.encode(list, chunkSize).length);
    }

    /** Encodes the whole stream with a fresh encoder. */
    @Benchmark
    public int encode(ByteCounter counters) {
        ChunkEncoder encoder = new ChunkEncoder();
        out.clear();
        encoder.encode(setChunkSize, out);
        for (RawMessage message : messages) {
            encoder.encode(message, out);
        }
        counters.bytes += out.position();
        return out.position();
    }
}
