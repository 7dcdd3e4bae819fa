package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.server.client.RtmpClient;
import io.github.rtmpflow.server.interop.ExternalTool;
import io.github.rtmpflow.server.interop.FrameMd5;
import io.github.rtmpflow.server.interop.MediaTags;
import io.github.rtmpflow.server.interop.TestMedia;
import io.github.rtmpflow.server.interop.TestPaths;
import io.github.rtmpflow.server.testing.FlvFiles;
import io.github.rtmpflow.server.testing.LogFile;
import io.github.rtmpflow.server.testing.Poll;
import io.github.rtmpflow.server.testing.TestCertificates;
import io.github.rtmpflow.server.testing.TestServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real FFmpeg (GnuTLS) playing a live stream over {@code rtmps://}: it joins after 1.5 s of
 * a publish on the plain port and must read, packet by packet, the end of the source from a
 * keyframe on, with the source's codec parameters, then end by itself when the publisher leaves.
 */
class RtmpsPlayTest {

    private static final long JOIN_AT_MILLIS = 1500;

    @TempDir
    static Path certificates;
    static TestCertificates.PemPair pair;

    @BeforeAll
    static void makeCertificate() {
        ExternalTool.require("ffmpeg");
        pair = TestCertificates.ec(certificates, "localhost");
    }

    @Test
    void shouldLetFfmpegPlayOverRtmpsByteIdentically() throws Exception {
        Path source = TestMedia.h264Aac();
        List<FlvTag> tags = FlvFiles.read(source);
        Path out = TestPaths.freshDirectory("rtmps", "ffmpeg-play").resolve("out.flv");
        ExternalTool.Result played;
        try (RtmpServer server = TestServers.builder()
                .rtmps(TlsOptions.of(TestServers.loopback(), TlsCredentials.pem(pair.certificate(), pair.key())))
                .start()) {
            String playUrl = "rtmps://127.0.0.1:" + server.rtmpsAddress().orElseThrow().getPort() + "/live/tlsplay";
            try (RtmpClient publisher = RtmpClient.connect(TestServers.url(server, "live"))) {
                publisher.publish("tlsplay");
                int next = 0;
                while (tags.get(next).timestamp() < JOIN_AT_MILLIS) {
                    publisher.send(tags.get(next++));
                }
                ExternalTool.Running player = ExternalTool.start("ffmpeg-play-rtmps", Duration.ofSeconds(60),
                        "ffmpeg", "-hide_banner", "-nostdin", "-v", "warning", "-tls_verify", "0", "-i", playUrl,
                        "-c", "copy", "-f", "flv", out.toString());
                Poll.until("ffmpeg attached over rtmps", () -> !player.isAlive() || log().contains("playing live/tlsplay"));
                for (; next < tags.size(); next++) {
                    publisher.send(tags.get(next));
                }
                publisher.close();
                played = player.await();
            }
        }
        played.assertSuccess();
        FrameMd5 sent = FrameMd5.of(source);
        FrameMd5 received = FrameMd5.of(out);
        assertThat(received.header()).isEqualTo(sent.header());
        for (String stream : List.of("0", "1")) {
            List<String> all = sizeAndMd5(sent, stream);
            List<String> tail = sizeAndMd5(received, stream);
            assertThat(tail).as("stream " + stream).isNotEmpty()
                    .isEqualTo(all.subList(all.size() - tail.size(), all.size()));
        }
        FlvTag firstVideo = MediaTags.read(out).stream().filter(t -> t.isVideo() && !t.isSequenceHeader())
                .findFirst().orElseThrow();
        assertThat(firstVideo.isKeyframe()).as("playback starts at a keyframe").isTrue();
    }

    /** The "size,md5" of each packet of one stream, in file order. */
    private static List<String> sizeAndMd5(FrameMd5 frames, String stream) {
        List<String> result = new ArrayList<>();
        for (String line : frames.packets()) {
            String[] fields = line.split(",");
            if (fields[0].trim().equals(stream)) {
                result.add(fields[4].trim() + "," + fields[5].trim());
            }
        }
        return result;
    }

    private static String log() {
        try {
            return LogFile.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
