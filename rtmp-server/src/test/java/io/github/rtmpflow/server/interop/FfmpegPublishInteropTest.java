package io.github.rtmpflow.server.interop;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.server.RtmpServer;
import io.github.rtmpflow.server.StreamStatistics;
import io.github.rtmpflow.server.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The real FFmpeg 5.1 publishing an FLV file it made, with {@code -c copy} and without
 * {@code -re} (as fast as it goes): every audio and video tag of the file reaches a subscriber
 * byte-identical with its timestamp, in order, and the recording is, for FFmpeg itself, the same
 * file packet by packet ({@code -f framemd5}: stream, dts, pts, duration, size, MD5).
 */
class FfmpegPublishInteropTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("h264-aac", (Supplier<Path>) TestMedia::h264Aac),
                Arguments.of("h264-mp3", (Supplier<Path>) TestMedia::h264Mp3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void shouldDeliverAndRecordEveryTagOfAnFfmpegPublishByteIdentical(String label, Supplier<Path> media)
            throws Exception {
        ExternalTool.require("ffmpeg");
        Path source = media.get();
        Path records = TestPaths.freshDirectory("interop-records", label);
        CollectingSubscriber subscriber = new CollectingSubscriber(label);
        Map<String, StreamStatistics> ended = new ConcurrentHashMap<>();
        RtmpServer server = TestServers.builder()
                .recordDirectory(records)
                .onPublish(stream -> stream.subscribe(subscriber, SubscribeOptions.defaults().withName("collector")))
                .onUnpublish(stream -> ended.put(stream.path(), stream.statistics()))
                .start();
        try {
            Publishers.ffmpeg("ffmpeg-" + label, source, TestServers.url(server, "live") + "/cam").assertSuccess();
            subscriber.awaitEnd(DEADLINE);
        } finally {
            server.close();
        }
        Path recording = records.resolve("live/cam.flv");
        Recordings.awaitFinished(recording, DEADLINE);

        List<FlvTag> sent = MediaTags.read(source);
        assertThat(subscriber.failure()).isNull();
        MediaTags.assertSame("subscriber", sent, subscriber.mediaTags());
        MediaTags.assertSame("recording", MediaTags.rebased(sent), MediaTags.read(recording));
        FrameMd5.of(source).assertSameAs(FrameMd5.of(recording));
        assertThat(ended.get("live/cam").droppedTags()).isZero();
    }
}
