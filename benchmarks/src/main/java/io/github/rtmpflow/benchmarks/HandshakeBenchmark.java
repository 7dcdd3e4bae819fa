package io.github.rtmpflow.benchmarks;

import io.github.rtmpflow.core.handshake.ClientHandshake;
import io.github.rtmpflow.core.handshake.HandshakeForm;
import io.github.rtmpflow.core.handshake.HandshakeLayout;
import io.github.rtmpflow.core.handshake.ServerHandshake;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Server handshakes per second: a whole C0+C1+C2 in one buffer, answered with S0+S1+S2. The
 * digest C1 (schema 1, like FFmpeg's) costs HMAC-SHA256 work on both packets of the reply; the
 * simple C1 (like OBS's) costs a copy.
 *
 * <pre>
 * ./mvnw -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar HandshakeBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandshakeBenchmark {

    private final SplittableRandom random = new SplittableRandom(1);
    private ByteBuffer digestClientBytes;
    private ByteBuffer simpleClientBytes;

    /** Builds C0+C1+C2 of a digest and of a simple client once. */
    @Setup(Level.Trial)
    public void setUp() {
        digestClientBytes = clientBytes(HandshakeForm.DIGEST_SCHEMA_1);
        simpleClientBytes = clientBytes(HandshakeForm.SIMPLE);
    }

    private static ByteBuffer clientBytes(HandshakeForm form) {
        ClientHandshake client = new ClientHandshake(form, 0, new SplittableRandom(2));
        ByteBuffer bytes = ByteBuffer.allocate(HandshakeLayout.HANDSHAKE_LENGTH);
        bytes.put(client.takeOutput());
        // C2's content is not checked by the server; zeros stand in for it.
        bytes.position(HandshakeLayout.HANDSHAKE_LENGTH);
        return bytes.flip();
    }

    /** A server handshake of FFmpeg's kind: digest C1 at schema 1. */
    @Benchmark
    public ByteBuffer serverDigest() {
        return serve(digestClientBytes);
    }

    /** A server handshake of OBS's kind: simple C1. */
    @Benchmark
    public ByteBuffer serverSimple() {
        return serve(simpleClientBytes);
    }

    private ByteBuffer serve(ByteBuffer clientBytes) {
        ServerHandshake server = new ServerHandshake(0, random);
        server.feed(clientBytes.duplicate());
        if (!server.done()) {
            throw new IllegalStateException("handshake not done: result=" + server.result());
        }
        return server.takeOutput();
    }
}
