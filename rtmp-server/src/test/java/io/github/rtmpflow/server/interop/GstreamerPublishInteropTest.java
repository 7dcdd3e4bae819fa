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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * GStreamer 1.22 publishing, as fast as it goes ({@code sync=false}), with its own RTMP client
 * ({@code rtmp2sink}) and with librtmp, the library OBS's RTMP output grew from
 * ({@code rtmpsink}). GStreamer remuxes the source ({@code flvdemux ! flvmux}), so the reference
 * is the very FLV stream it sent, teed into a file: the subscriber gets exactly its audio and
 * video tags, the recording holds exactly what the subscriber got, and FFmpeg reads from the
 * recording the same coded frames as from the source file.
 */
class GstreamerPublishInteropTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    @ParameterizedTest
    @ValueSource(strings = {"rtmp2sink", "rtmpsink"})
    void shouldDeliverAndRecordEveryTagAGstreamerPublisherSent(String sink) throws Exception {
        Path source = TestMedia.h264Aac();
        Path dir = TestPaths.freshDirectory("interop-records", sink);
        Path sentCopy = dir.resolve("sent.flv");
        CollectingSubscriber subscriber = new CollectingSubscriber(sink);
        Map<String, StreamStatistics> ended = new ConcurrentHashMap<>();
        RtmpServer server = TestServers.builder()
                .recordDirectory(dir)
                .onPublish(stream -> stream.subscribe(subscriber, SubscribeOptions.defaults().withName("collector")))
                .onUnpublish(stream -> ended.put(stream.path(), stream.statistics()))
                .start();
        try {
            Publishers.gstreamer("gst-" + sink, sink, source, TestServers.url(server, "live") + "/cam", sentCopy)
                    .assertSuccess();
            subscriber.awaitEnd(DEADLINE);
        } finally {
            server.close();
        }
        Path recording = dir.resolve("live/cam.flv");
        Recordings.awaitFinished(recording, DEADLINE);

        List<FlvTag> sent = MediaTags.read(sentCopy);
        List<FlvTag> received = subscriber.mediaTags();
        assertThat(subscriber.failure()).isNull();
        MediaTags.assertSame("subscriber", sent, received);
        MediaTags.assertSame("recording", MediaTags.rebased(received), MediaTags.read(recording));
        FrameMd5.of(source).assertSamePayloadsAs(FrameMd5.of(recording));
        Ffprobe.assertReadable(recording);
        assertThat(Ffprobe.decodedFrames(recording, "v")).isEqualTo(Ffprobe.decodedFrames(source, "v"));
        assertThat(Ffprobe.decodedFrames(recording, "a")).isEqualTo(Ffprobe.decodedFrames(source, "a"));
        assertThat(ended.get("live/cam").droppedTags()).isZero();
    }
}
