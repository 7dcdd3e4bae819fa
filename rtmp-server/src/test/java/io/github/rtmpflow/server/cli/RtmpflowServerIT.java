package io.github.rtmpflow.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.server.interop.ExternalTool;
import io.github.rtmpflow.server.interop.Ffprobe;
import io.github.rtmpflow.server.interop.FrameMd5;
import io.github.rtmpflow.server.interop.MediaTags;
import io.github.rtmpflow.server.interop.Publishers;
import io.github.rtmpflow.server.interop.Recordings;
import io.github.rtmpflow.server.interop.TestMedia;
import io.github.rtmpflow.server.interop.TestPaths;
import io.github.rtmpflow.server.testing.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The built command-line jar, run as a user runs it ({@code java -jar rtmpflow-server.jar}),
 * against its contract in DESIGN.md: the listening line, recordings that are never
 * overwritten, the stream key, the summary line, SIGTERM/SIGINT, the connection limit, the help.
 * Publishers are the real FFmpeg.
 */
class RtmpflowServerIT {

    private static final Duration RECORDING_DEADLINE = Duration.ofSeconds(20);

    @Test
    void shouldPrintTheBoundPortWhenAskedForPortZero() throws Exception {
        try (ServerProcess server = ServerProcess.start("port-zero", "--bind", "127.0.0.1", "--port", "0")) {
            int port = server.awaitListening();

            assertThat(port).isPositive();
            assertThat(server.stdoutText()).contains("listening on rtmp://127.0.0.1:" + port);
            try (RawRtmpSocket socket = RawRtmpSocket.connect(port)) {
                assertThat(socket.handshake()).isTrue();
            }
            assertThat(server.terminate()).isZero();
        }
    }

    @Test
    void shouldRecordEachPublishToItsOwnFileThatReadsBackAsTheSource() throws Exception {
        ServerProcess.requireFfmpeg();
        Path source = TestMedia.h264Aac();
        Path records = TestPaths.freshDirectory("it-records", "twice");
        try (ServerProcess server = ServerProcess.start("record-twice", "--bind", "127.0.0.1", "--port", "0",
                "--record-dir", records.toString())) {
            String url = "rtmp://127.0.0.1:" + server.awaitListening() + "/live/cam";

            Publishers.ffmpeg("publish-first", source, url).assertSuccess();
            Path first = records.resolve("live/cam.flv");
            Recordings.awaitFinished(first, RECORDING_DEADLINE);
            Publishers.ffmpeg("publish-second", source, url).assertSuccess();
            Path second = records.resolve("live/cam-1.flv");
            Recordings.awaitFinished(second, RECORDING_DEADLINE);
            Poll.until("two summary lines", Duration.ofSeconds(20),
                    () -> summaries(server, "live/cam").size() == 2);

            FrameMd5 sent = FrameMd5.of(source);
            sent.assertSameAs(FrameMd5.of(first));
            sent.assertSameAs(FrameMd5.of(second));
            assertThat(Ffprobe.assertReadable(second)).isEqualTo(sent.packets().size());
            assertThat(listFiles(records)).containsExactlyInAnyOrder("live/cam.flv", "live/cam-1.flv");
            int mediaTags = MediaTags.read(source).size();
            assertThat(summaries(server, "live/cam")).allSatisfy(line -> assertThat(line)
                    .contains(" dropped=0").containsPattern(" tags=" + (mediaTags + 1) + " ")
                    .containsPattern(" bytes=\\d+ ").containsPattern(" duration=\\d+\\.\\d{3}s"));
            assertThat(server.terminate()).isZero();
        }
    }

    @Test
    void shouldAcceptOnlyPublishersWithTheStreamKeyAndNeverShowTheKey() throws Exception {
        ServerProcess.requireFfmpeg();
        String key = "K" + UUID.randomUUID().toString().replace("-", "");
        String wrong = "W" + UUID.randomUUID().toString().replace("-", "");
        Path source = TestMedia.h264Aac();
        Path records = TestPaths.freshDirectory("it-records", "key");
        try (ServerProcess server = ServerProcess.start("stream-key",
                List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=trace"),
                "--bind", "127.0.0.1", "--port", "0", "--record-dir", records.toString(), "--stream-key", key)) {
            String url = "rtmp://127.0.0.1:" + server.awaitListening() + "/live/cam";

            ExternalTool.Result withoutKey = Publishers.ffmpeg("publish-no-key", source, url).assertFailure();
            ExternalTool.Result wrongKey = Publishers.ffmpeg("publish-wrong-key", source, url + "?key=" + wrong)
                    .assertFailure();
            Publishers.ffmpeg("publish-key", source, url + "?key=" + key).assertSuccess();
            Path recording = records.resolve("live/cam.flv");
            Recordings.awaitFinished(recording, RECORDING_DEADLINE);
            server.awaitLine("ended live/cam: ");

            assertThat(withoutKey.stderrText()).contains("missing or wrong stream key");
            assertThat(wrongKey.stderrText()).contains("missing or wrong stream key");
            FrameMd5.of(source).assertSameAs(FrameMd5.of(recording));
            assertThat(server.terminate()).isZero();
            assertThat(server.stderrText()).contains("unauthorized").contains("publishing live/cam");
            assertThat(server.stdoutText() + server.stderrText()).doesNotContain(key).doesNotContain(wrong);
            assertThat(listFiles(records)).containsExactly("live/cam.flv");
        }
    }

    @Test
    void shouldServeTheLiveStreamToAPlayerThatHasNoKey() {
        ServerProcess.requireFfmpeg();
        String key = "K" + UUID.randomUUID().toString().replace("-", "");
        try (ServerProcess server = ServerProcess.start("player", "--bind", "127.0.0.1", "--port", "0",
                "--stream-key", key, "--drain-seconds", "0")) {
            String url = "rtmp://127.0.0.1:" + server.awaitListening() + "/live/cam";
            try (ExternalTool.Running publisher = Publishers.ffmpegRealTime("publish-for-player", TestMedia.h264Aac(),
                    url + "?key=" + key)) {
                server.awaitLine("publishing live/cam from ");

                ExternalTool.Result probe = ExternalTool.run("ffprobe-live", Duration.ofSeconds(20), "ffprobe",
                        "-hide_banner", "-v", "error", "-show_entries", "stream=codec_name,width,height",
                        "-of", "csv=p=0", url).assertSuccess();

                // FFmpeg may list a data stream too (onMetaData seen again mid-stream): only A/V matter.
                assertThat(probe.stdoutText().lines().map(String::trim).toList()).contains("aac", "h264,640,360");
            }
            assertThat(server.terminate()).isZero();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void shouldExitZeroOnASignalWhilePublishingAndLeaveAWholeRecording(String signal) throws Exception {
        ServerProcess.requireFfmpeg();
        Path source = TestMedia.h264Aac();
        Path records = TestPaths.freshDirectory("it-records", "sig" + signal);
        try (ServerProcess server = ServerProcess.start("signal-" + signal, "--bind", "127.0.0.1", "--port", "0",
                "--record-dir", records.toString(), "--drain-seconds", "1");
                ExternalTool.Running publisher = Publishers.ffmpegRealTime("publish-until-" + signal, source,
                        "rtmp://127.0.0.1:" + server.awaitListening() + "/live/cam")) {
            Path recording = records.resolve("live/cam.flv");
            server.awaitLine("publishing live/cam from ");
            // About a second of media (a real-time publisher): the recording is well under way.
            Poll.until("a second of recorded media", Duration.ofSeconds(20), () -> size(recording) > 20_000);

            server.signal(signal);

            assertThat(server.awaitExit()).as(server.describe()).isZero();
            assertThat(server.stdoutText()).contains("ended live/cam: ").contains("stopped");
            assertThat(Recordings.isFinished(recording)).as("recording finished at exit").isTrue();
            assertEndsAtAWholeTag(recording);
            FrameMd5 recorded = FrameMd5.of(recording);
            FrameMd5.of(source).assertPrefixIs(recorded, 20);
            assertThat(Ffprobe.assertReadable(recording)).isEqualTo(recorded.packets().size());
            publisher.await();
        }
    }

    @Test
    void shouldRefuseConnectionsBeyondMaxConnections() throws Exception {
        try (ServerProcess server = ServerProcess.start("max-connections", "--bind", "127.0.0.1", "--port", "0",
                "--max-connections", "2")) {
            int port = server.awaitListening();
            try (RawRtmpSocket first = RawRtmpSocket.connect(port);
                    RawRtmpSocket second = RawRtmpSocket.connect(port)) {
                assertThat(first.handshake()).isTrue();
                assertThat(second.handshake()).isTrue();
                try (RawRtmpSocket third = RawRtmpSocket.connect(port)) {
                    assertThat(third.handshake()).as("a third connection is served").isFalse();
                }
                first.close();
                Poll.until("a connection served again after one closed", Duration.ofSeconds(20), () -> {
                    try (RawRtmpSocket again = RawRtmpSocket.connect(port)) {
                        return again.handshake();
                    }
                });
            }
            assertThat(server.terminate()).isZero();
            assertThat(server.stderrText()).contains("refused: max connections reached");
        }
    }

    @Test
    void shouldPrintTheUsageAndExitZeroOnHelp() {
        try (ServerProcess server = ServerProcess.start("help", "--help")) {
            assertThat(server.awaitExit()).isZero();
            assertThat(server.stdoutText()).startsWith("Usage: java -jar rtmpflow-server.jar")
                    .contains("--bind ADDR", "--port N", "--record-dir DIR", "--stream-key KEY",
                            "--max-connections N", "--drain-seconds N", "--help");
        }
    }

    @Test
    void shouldExitTwoWithTheReasonOnABadOption() {
        try (ServerProcess server = ServerProcess.start("bad-option", "--port", "http")) {
            assertThat(server.awaitExit()).isEqualTo(2);
            assertThat(server.stderrText()).contains("--port needs a number, not 'http'").contains("Usage:");
            assertThat(server.stdoutText()).isEmpty();
        }
    }

    @Test
    void shouldExitOneWhenThePortIsTaken() throws Exception {
        try (ServerProcess first = ServerProcess.start("port-owner", "--bind", "127.0.0.1", "--port", "0")) {
            int port = first.awaitListening();
            try (ServerProcess second = ServerProcess.start("port-taken", "--bind", "127.0.0.1", "--port",
                    Integer.toString(port))) {
                assertThat(second.awaitExit()).isEqualTo(1);
                assertThat(second.stderrText()).contains("cannot listen on 127.0.0.1:" + port);
            }
            assertThat(first.terminate()).isZero();
        }
    }

    /** Walks the FLV tag by tag: the file must end exactly after a tag's PreviousTagSize. */
    private static void assertEndsAtAWholeTag(Path flv) throws IOException {
        byte[] bytes = Files.readAllBytes(flv);
        int position = 13; // FLV header (9) + PreviousTagSize0 (4)
        int tags = 0;
        while (position + 11 <= bytes.length) {
            int size = ((bytes[position + 1] & 0xFF) << 16) | ((bytes[position + 2] & 0xFF) << 8)
                    | (bytes[position + 3] & 0xFF);
            int end = position + 11 + size + 4;
            assertThat(end).as("tag %d at %d (size %d) ends inside the file", tags, position, size)
                    .isLessThanOrEqualTo(bytes.length);
            int previous = ((bytes[end - 4] & 0xFF) << 24) | ((bytes[end - 3] & 0xFF) << 16)
                    | ((bytes[end - 2] & 0xFF) << 8) | (bytes[end - 1] & 0xFF);
            assertThat(previous).as("PreviousTagSize of tag %d", tags).isEqualTo(11 + size);
            position = end;
            tags++;
        }
        assertThat(position).as("the file ends at a tag boundary").isEqualTo(bytes.length);
        assertThat(tags).isGreaterThan(20);
    }

    private static List<String> summaries(ServerProcess server, String path) {
        return server.stdoutText().lines().filter(l -> l.startsWith("ended " + path + ": ")).toList();
    }

    private static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> listFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }
    }
}
