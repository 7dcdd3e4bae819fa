package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.AudioCodec;
import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.flv.TrackSelection;
import io.github.rtmpflow.flv.VideoCodec;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.interop.ExternalTool;
import io.github.rtmpflow.server.interop.Ffmpeg7;
import io.github.rtmpflow.server.interop.FrameMd5;
import io.github.rtmpflow.server.interop.Recordings;
import io.github.rtmpflow.server.testing.CaptureReplay;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.EnhancedTags;
import io.github.rtmpflow.server.testing.FlvFiles;
import io.github.rtmpflow.server.testing.LogFile;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Live Enhanced RTMP with the real client: FFmpeg 7.1 (the trixie chroot of
 * scripts/ffmpeg7-chroot.sh) encodes a short HEVC, AV1 or VP9 + AAC file, publishes it with
 * {@code -c copy} (as fast as it can, no {@code -re}) announcing its codecs with
 * {@code -rtmp_enhanced_codecs}; the recording must hold exactly the file's packets (FFmpeg
 * 7.1's framemd5: same codec parameters, extradata, timestamps and bytes per packet), FFmpeg
 * 7.1's ffprobe must decode it with the right codecs and frame counts, and the server must have
 * detected codecs, resolution and the announced FourCCs. An FFmpeg 7.1 player, attached before
 * the publisher, must write exactly the file's packets (sizes and MD5s per stream).
 */
class EnhancedRtmpFfmpeg7Test {

    private static final int FRAMES = 50;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "hevc, libx265, -preset ultrafast -x265-params log-level=error, HEVC, hvc1",
        "av1, libsvtav1, -preset 12 -svtav1-params fast-decode=1, AV1, av01",
        "vp9, libvpx-vp9, -deadline realtime -cpu-used 8, VP9, vp09",
    })
    void shouldRecordEveryPacketThatFfmpeg7Publishes(String name, String encoder, String encoderOptions,
            VideoCodec codec, String fourCc) throws Exception {
        try (Ffmpeg7 ffmpeg = Ffmpeg7.require()) {
            String source = name + "-source.flv";
            ffmpeg.ffmpeg("encode-" + name, Duration.ofSeconds(120), concat(
                    List.of("-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=2", "-f", "lavfi", "-i",
                            "sine=f=440:d=2:sample_rate=44100", "-c:v", encoder),
                    List.of(encoderOptions.split(" ")),
                    List.of("-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "64k", "-f", "flv",
                            ffmpeg.chrootPath(source)))).assertSuccess();
            List<String> sourceStreams = ffmpeg.streams(source);
            assertThat(sourceStreams).contains(name + ",video,320,240," + FRAMES);

            CollectingSubscriber subscriber = new CollectingSubscriber();
            CompletableFuture<LiveStream> ended = new CompletableFuture<>();
            RtmpServer server = TestServers.builder()
                    .recordDirectory(ffmpeg.hostPath("rec"))
                    .onPublish(stream -> stream.subscribe(subscriber, SubscribeOptions.defaults()))
                    .onUnpublish(ended::complete)
                    .start();
            // The log file, where the player's attachment shows, is shared by all tests: a unique mark.
            String mark = "playing live/" + name;
            int before = logOccurrences(mark);
            try (ExternalTool.Running player = ffmpeg.start("play-" + name, Duration.ofSeconds(60), "-v", "error",
                    "-i", TestServers.url(server, "live") + "/" + name, "-c", "copy", "-f", "flv",
                    ffmpeg.chrootPath(name + "-played.flv"))) {
                Poll.until("FFmpeg 7.1 to be attached as a player", () -> !player.isAlive()
                        || logOccurrences(mark) > before);
                ffmpeg.ffmpeg("publish-" + name, Duration.ofSeconds(60), "-v", "error", "-i",
                        ffmpeg.chrootPath(source), "-c", "copy", "-rtmp_enhanced_codecs", fourCc, "-f",
                        "flv", TestServers.url(server, "live") + "/" + name).assertSuccess();
                player.await().assertSuccess();
                ffmpeg.frameMd5(name + "-played.flv").assertSamePayloadsAs(ffmpeg.frameMd5(source));
                StreamStatistics statistics = ended.get(30, TimeUnit.SECONDS).statistics();
                String recording = "rec/live/" + name + ".flv";
                Recordings.awaitFinished(ffmpeg.hostPath(recording), Duration.ofSeconds(30));

                assertThat(statistics.videoCodec()).isEqualTo(codec);
                assertThat(statistics.audioCodec()).isEqualTo(AudioCodec.AAC);
                assertThat(statistics.width()).isEqualTo(320);
                assertThat(statistics.height()).isEqualTo(240);
                assertThat(statistics.publisherCapabilities().fourCcList()).containsExactly(fourCc);
                assertThat(statistics.publisherCapabilities().canDecodeVideo(fourCc)).isTrue();

                FrameMd5 sent = ffmpeg.frameMd5(source);
                FrameMd5 recorded = ffmpeg.frameMd5(recording);
                recorded.assertSameAs(sent);
                assertThat(ffmpeg.streams(recording)).isEqualTo(sourceStreams);
                List<FlvTag> received = FlvFiles.media(subscriber.done().get(30, TimeUnit.SECONDS));
                PublishRoundTripTest.assertSameMedia(FlvFiles.media(FlvFiles.read(ffmpeg.hostPath(recording))),
                        received);
            } finally {
                server.close();
            }
        }
    }

    /**
     * A two-track HEVC stream (the FFmpeg 7.1 capture's video as tracks 0 and 1, written by hand
     * from the v2 layout) recorded with {@link TrackSelection#DEFAULT_TRACKS_WITHOUT_MULTITRACK}:
     * FFmpeg 7.1, which reads no multitrack FLV, reads that recording with the right codec and
     * exactly the packets of a recording of the original single-track capture.
     */
    @Test
    void shouldRecordTheDefaultTrackOfAMultitrackStreamSoThatFfmpeg7ReadsIt() throws Exception {
        List<FlvTag> original = EnhancedCaptureTest.mediaMessages(CaptureReplay.fixture("ffmpeg71_hevc_publish_c2s.bin"));
        try (Ffmpeg7 ffmpeg = Ffmpeg7.require()) {
            recordWithRtmpClient(ffmpeg.hostPath("orig"), SubscribeOptions.defaults(), "hevc", original);
            List<FlvTag> twoTracks = new ArrayList<>();
            for (FlvTag tag : original) {
                twoTracks.add(tag.isVideo() && (tag.byteAt(0) & 0x0F) <= 3 ? EnhancedTags.twoTracks(tag) : tag);
            }
            recordWithRtmpClient(ffmpeg.hostPath("flat"), SubscribeOptions.defaults().withName("recorder")
                    .withTracks(TrackSelection.DEFAULT_TRACKS_WITHOUT_MULTITRACK), "hevc", twoTracks);

            FrameMd5 expected = ffmpeg.frameMd5("orig/live/hevc.flv");
            ffmpeg.frameMd5("flat/live/hevc.flv").assertSameAs(expected);
            assertThat(ffmpeg.streams("flat/live/hevc.flv")).contains("hevc,video,640,360,"
                    + original.stream().filter(t -> t.isVideo() && !t.isSequenceHeader()
                            && (t.byteAt(0) & 0x0F) != 4).count());
        }
    }

    /**
     * FFmpeg 7.1 as a player (it announces no capsEx) of a two-track HEVC stream: it gets the
     * default track in plain enhanced form, and what it writes holds exactly the packets of the
     * single-track original (framemd5 sizes and MD5s per stream), with the right codec and frame
     * count. It joins before the publisher, so it receives everything.
     */
    @Test
    void shouldLetFfmpeg7PlayTheDefaultTrackOfAMultitrackStream() throws Exception {
        List<FlvTag> original = EnhancedCaptureTest.mediaMessages(CaptureReplay.fixture("ffmpeg71_hevc_publish_c2s.bin"));
        List<FlvTag> twoTracks = new ArrayList<>();
        for (FlvTag tag : original) {
            twoTracks.add(tag.isVideo() && (tag.byteAt(0) & 0x0F) <= 3 ? EnhancedTags.twoTracks(tag) : tag);
        }
        try (Ffmpeg7 ffmpeg = Ffmpeg7.require()) {
            recordWithRtmpClient(ffmpeg.hostPath("orig"), SubscribeOptions.defaults(), "hevc", original);
            try (RtmpServer server = TestServers.builder().start()) {
                // A name of its own: the log file (where attachment shows) is shared by all tests.
                String stream = "multi-" + Long.toHexString(System.nanoTime());
                String url = TestServers.url(server, "live") + "/" + stream;
                try (ExternalTool.Running player = ffmpeg.start("play-multi", Duration.ofSeconds(60), "-v", "error",
                        "-i", url, "-c", "copy", "-f", "flv", ffmpeg.chrootPath("played.flv"))) {
                    Poll.until("FFmpeg 7.1 to be attached as a player", () -> !player.isAlive()
                            || logContains("playing live/" + stream));
                    try (RtmpClient publisher = RtmpClient.connect(TestServers.url(server, "live"))) {
                        publisher.publish(stream);
                        for (FlvTag tag : twoTracks) {
                            publisher.send(tag);
                        }
                    }
                    player.await().assertSuccess();
                }
            }
            ffmpeg.frameMd5("played.flv").assertSamePayloadsAs(ffmpeg.frameMd5("orig/live/hevc.flv"));
            assertThat(ffmpeg.streams("played.flv")).contains("hevc,video,640,360,"
                    + original.stream().filter(t -> t.isVideo() && !t.isSequenceHeader()
                            && (t.byteAt(0) & 0x0F) != 4).count());
        }
    }

    private static int logOccurrences(String text) {
        try {
            String log = LogFile.read();
            int count = 0;
            for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + 1)) {
                count++;
            }
            return count;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    private static boolean logContains(String text) {
        try {
            return LogFile.read().contains(text);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static void recordWithRtmpClient(Path directory, SubscribeOptions recording, String name,
            List<FlvTag> tags) throws Exception {
        CompletableFuture<LiveStream> ended = new CompletableFuture<>();
        RtmpServer server = TestServers.builder().recordDirectory(directory).recordingOptions(recording)
                .onUnpublish(ended::complete).start();
        try {
            try (RtmpClient client = RtmpClient.connect(TestServers.url(server, "live"))) {
                client.publish(name);
                for (FlvTag tag : tags) {
                    client.send(tag);
                }
            }
            ended.get(30, TimeUnit.SECONDS);
            Recordings.awaitFinished(directory.resolve("live/" + name + ".flv"), Duration.ofSeconds(30));
        } finally {
            server.close();
        }
    }

    private static String[] concat(List<String> a, List<String> b, List<String> c) {
        return java.util.stream.Stream.of(a, b, c).flatMap(List::stream).toArray(String[]::new);
    }
}
