package io.github.rtmpflow.benchmarks;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.amf.Amf0Reader;
import io.github.rtmpflow.core.amf.Amf0Writer;
import io.github.rtmpflow.core.amf.AmfNull;
import io.github.rtmpflow.core.amf.AmfNumber;
import io.github.rtmpflow.core.amf.AmfObject;
import io.github.rtmpflow.core.amf.AmfString;
import io.github.rtmpflow.core.amf.AmfValue;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decoding (and encoding) the AMF0 bodies of the two commands every publisher sends: FFmpeg 5.1's
 * connect (140 bytes: "connect", 1, {app, type, flashVer, tcUrl}) and publish ("publish", 5, null,
 * name, "live"). Run with {@code java -jar benchmarks/target/benchmarks.jar Amf0CommandBenchmark -prof gc}
 * to see bytes allocated per operation.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Amf0CommandBenchmark {

    private final Amf0Reader reader = new Amf0Reader(RtmpLimits.DEFAULTS);
    private List<AmfValue> connect;
    private List<AmfValue> publish;
    private ByteBuffer connectBody;
    private ByteBuffer publishBody;

    /** Builds the two bodies as FFmpeg writes them (identical bytes to the capture). */
    @Setup
    public void setUp() {
        connect = List.of(new AmfString("connect"), new AmfNumber(1), AmfObject.builder()
                .put("app", "live")
                .put("type", "nonprivate")
                .put("flashVer", "FMLE/3.0 (compatible; Lavf59.27.100)")
                .put("tcUrl", "rtmp://127.0.0.1:19350/live")
                .build());
        publish = List.of(new AmfString("publish"), new AmfNumber(5), AmfNull.INSTANCE,
                new AmfString("ffmpeg3s"), new AmfString("live"));
        connectBody = ByteBuffer.wrap(Amf0Writer.encode(connect));
        publishBody = ByteBuffer.wrap(Amf0Writer.encode(publish));
        if (connectBody.remaining() != 140 || publishBody.remaining() != 38) {
            throw new IllegalStateException("unexpected body sizes: connect=" + connectBody.remaining()
                    + " publish=" + publishBody.remaining());
        }
    }

    /** Decodes the connect body. */
    @Benchmark
    public List<AmfValue> decodeConnect() throws ProtocolException {
        return reader.readAll(connectBody.duplicate());
    }

    /** Decodes the publish body. */
    @Benchmark
    public List<AmfValue> decodePublish() throws ProtocolException {
        return reader.readAll(publishBody.duplicate());
    }

    /** Encodes the connect body into an exact-size array. */
    @Benchmark
    public byte[] encodeConnect() {
        return Amf0Writer.encode(connect);
    }
}
