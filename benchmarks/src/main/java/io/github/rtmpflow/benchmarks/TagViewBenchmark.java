package io.github.rtmpflow.benchmarks;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.flv.AudioTagHeader;
import io.github.rtmpflow.flv.AvcDecoderConfigurationRecord;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.TagType;
import io.github.rtmpflow.flv.VideoTagHeader;
import java.nio.ByteBuffer;
import java.util.HexFormat;
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
 * Cost of the tag views: creating a tag (which computes the keyframe/sequence predicates),
 * parsing legacy and Enhanced RTMP video headers, an audio header, and an AVC configuration
 * record with its SPS.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TagViewBenchmark -prof gc}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class TagViewBenchmark {
    private static final String AVC_RECORD =
            "01640028ffe1001b67640028acd940780227e5c044000003000400000300c83c60c658010006" + "68ebe3cb22c0";

    private ByteBuffer legacyBody;
    private FlvTag legacyFrame;
    private FlvTag enhancedMultitrack;
    private FlvTag audio;
    private ByteBuffer avcRecord;

    /** Builds the tags. */
    @Setup
    public void setUp() {
        byte[] frame = new byte[14_000];
        frame[0] = 0x17;
        frame[1] = 1;
        legacyBody = ByteBuffer.wrap(frame);
        legacyFrame = FlvTag.of(TagType.VIDEO, 0, legacyBody);
        enhancedMultitrack = FlvTag.of(TagType.VIDEO, 0, hex(
                "97 02 07a120 06 11 68766331 00 000005 000021 aabb 01 000006 000042 ccddee"));
        audio = FlvTag.of(TagType.AUDIO, 0, hex("af01" + "21".repeat(300)));
        avcRecord = hex(AVC_RECORD);
    }

    private static ByteBuffer hex(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    /** Wraps a body in a tag: a read-only view plus the predicates. */
    @Benchmark
    public boolean createTagWithPredicates() {
        return FlvTag.of(TagType.VIDEO, 0, legacyBody).isKeyframe();
    }

    /** Parses a legacy AVC frame header. */
    @Benchmark
    public int parseLegacyVideoHeader() throws ProtocolException {
        return VideoTagHeader.parse(legacyFrame).compositionTime();
    }

    /** Parses an Enhanced RTMP header with ModEx and two HEVC tracks. */
    @Benchmark
    public int parseEnhancedMultitrackHeader() throws ProtocolException {
        return VideoTagHeader.parse(enhancedMultitrack).tracks().size();
    }

    /** Parses a legacy AAC frame header. */
    @Benchmark
    public Object parseAudioHeader() throws ProtocolException {
        return AudioTagHeader.parse(audio).packetType();
    }

    /** Parses an AVC configuration record and its SPS. */
    @Benchmark
    public int parseAvcRecordAndSps() throws ProtocolException {
        return AvcDecoderConfigurationRecord.parse(avcRecord).width();
    }
}
