package io.github.rtmpflow.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.core.ProtocolException;
import io.github.rtmpflow.core.RtmpLimits;
import io.github.rtmpflow.core.chunk.RawMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decodes every message of the real captures and checks the counts an independent parser found
 * (fixtures/README.md) and each client's exact command sequence; fed whole, one byte at a time
 * and at seeded random splits.
 */
class MessageFixtureTest {

    /** Per capture: commands, data, video, audio, Set Chunk Size, Window Ack Size; command names. */
    static Stream<Arguments> captures() {
        List<String> ffmpeg = List.of("connect", "releaseStream", "FCPublish", "createStream", "publish",
                "FCUnpublish", "deleteStream");
        List<Arguments> all = new ArrayList<>();
        Object[][] table = {
            {"ffmpeg_publish_c2s.bin", new int[] {7, 1, 92, 143, 1, 0}, ffmpeg},
            {"gst_rtmp2sink_publish_c2s.bin", new int[] {7, 36, 92, 143, 1, 1}, ffmpeg},
            {"gst_rtmpsink_librtmp_publish_c2s.bin", new int[] {7, 37, 92, 143, 0, 0}, ffmpeg},
            {"obs29_publish_c2s.bin", new int[] {7, 1, 364, 564, 1, 0}, ffmpeg},
            {"ffmpeg71_hevc_publish_c2s.bin", new int[] {7, 1, 92, 143, 1, 0}, ffmpeg},
            {"ffmpeg71_av1_publish_c2s.bin", new int[] {7, 1, 92, 143, 1, 0}, ffmpeg},
        };
        for (Object[] row : table) {
            for (long seed : new long[] {-1, 0, 7, 20_240_601}) {
                if (seed == 0 && row[0].toString().startsWith("obs")) {
                    continue; // 4 MB one byte at a time adds nothing the 200 kB captures do not cover
                }
                all.add(Arguments.of(row[0], seed, row[1], row[2]));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} split={1}")
    @MethodSource("captures")
    void shouldDecodeEveryMessageOfTheCapture(String capture, long splitSeed, int[] counts, List<String> commands)
            throws ProtocolException {
        int[] seen = new int[6];
        List<String> names = new ArrayList<>();
        for (RawMessage raw : FixtureMessages.decode(capture, splitSeed)) {
            RtmpMessage m = MessageCodec.decode(raw, RtmpLimits.DEFAULTS);
            if (m instanceof CommandMessage c) {
                seen[0]++;
                names.add(c.name());
            } else if (m instanceof DataMessage) {
                seen[1]++;
            } else if (m instanceof VideoMessage) {
                seen[2]++;
            } else if (m instanceof AudioMessage) {
                seen[3]++;
            } else if (m instanceof SetChunkSize) {
                seen[4]++;
            } else if (m instanceof WindowAcknowledgementSize) {
                seen[5]++;
            } else {
                throw new AssertionError("unexpected message in " + capture + ": " + m);
            }
        }
        assertThat(seen).as("commands, data, video, audio, Set Chunk Size, Window Ack Size").containsExactly(counts);
        assertThat(names).containsExactlyElementsOf(commands);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.github.rtmpflow.core.message.FixtureMessages#clientCaptures")
    void shouldReencodeEveryMessageToTheSamePayload(String capture) throws ProtocolException {
        for (RawMessage raw : FixtureMessages.decode(capture, -1)) {
            RtmpMessage m = MessageCodec.decode(raw, RtmpLimits.DEFAULTS);

            assertThat(MessageCodec.encode(m, raw.chunkStreamId(), raw.timestamp(), raw.messageStreamId()))
                    .as("%s type %d", capture, raw.typeId())
                    .isEqualTo(raw);
        }
    }
}
