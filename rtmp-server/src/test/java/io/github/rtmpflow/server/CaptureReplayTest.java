package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.server.testing.CaptureReplay;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.FlvFiles;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real encoders' bytes, replayed over a socket, become the streams fixtures/README.md counts. */
class CaptureReplayTest {

    @TempDir
    Path recordings;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ffmpeg_publish_c2s.bin, ffmpeg3s, 92, 143, 1",
        "gst_rtmp2sink_publish_c2s.bin, gst2, 92, 143, 36",
        "gst_rtmpsink_librtmp_publish_c2s.bin, gstlib, 92, 143, 37",
        "obs29_publish_c2s.bin, obs, 364, 564, 1",
        "ffmpeg71_hevc_publish_c2s.bin, hevc, 92, 143, 1",
        "ffmpeg71_av1_publish_c2s.bin, av1, 92, 143, 1",
    })
    void shouldTurnACapturedPublishIntoTheExpectedStream(String fixture, String name, int video, int audio,
            int script) throws Exception {
        replayAndCheck(fixture, name, video, audio, script, 20_000);
    }

    @ParameterizedTest(name = "pieces of at most {0} bytes")
    @CsvSource({"1", "7", "200"})
    void shouldNotCareHowTheBytesAreSplitAcrossReads(int maxPiece) throws Exception {
        replayAndCheck("ffmpeg_publish_c2s.bin", "ffmpeg3s", 92, 143, 1, maxPiece);
    }

    private void replayAndCheck(String fixture, String name, int video, int audio, int script, int maxPiece)
            throws Exception {
        Map<String, CollectingSubscriber> subscribers = new ConcurrentHashMap<>();
        RtmpServer server = RtmpServer.builder()
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .eventLoops(1)
                .recordDirectory(recordings)
                .onPublish(stream -> {
                    CollectingSubscriber s = new CollectingSubscriber();
                    subscribers.put(stream.path(), s);
                    stream.subscribe(s, SubscribeOptions.defaults());
                })
                .start();
        List<FlvTag> tags;
        try (CaptureReplay replay = CaptureReplay.open(server.localAddress().getPort())) {
            byte[] capture = CaptureReplay.fixture(fixture);
            replay.send(capture, 0, capture.length, new Random(fixture.hashCode() + maxPiece), maxPiece);
            replay.finishSending();
            replay.serverClosed().get(30, TimeUnit.SECONDS);
            assertThat(subscribers).containsOnlyKeys("live/" + name);
            tags = subscribers.get("live/" + name).done().get(30, TimeUnit.SECONDS);
        } finally {
            server.close();
        }

        assertThat(tags.stream().filter(FlvTag::isVideo)).hasSize(video);
        assertThat(tags.stream().filter(FlvTag::isAudio)).hasSize(audio);
        assertThat(tags.stream().filter(FlvTag::isScript)).hasSize(script);
        assertThat(tags.stream().filter(FlvTag::isScript)).allMatch(FlvTag::isOnMetaData);
        assertThat(tags.stream().filter(FlvTag::isVideo).findFirst()).hasValueSatisfying(
                first -> assertThat(first.isSequenceHeader()).isTrue());
        List<FlvTag> recorded = FlvFiles.read(recordings.resolve("live/" + name + ".flv"));
        PublishRoundTripTest.assertSameMedia(FlvFiles.media(recorded), FlvFiles.media(tags));
    }
}
