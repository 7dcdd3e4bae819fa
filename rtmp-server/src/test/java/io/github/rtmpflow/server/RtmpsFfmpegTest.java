package io.github.rtmpflow.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.flv.SubscribeOptions;
import io.github.rtmpflow.server.interop.ExternalTool;
import io.github.rtmpflow.server.interop.FrameMd5;
import io.github.rtmpflow.server.interop.MediaTags;
import io.github.rtmpflow.server.interop.Publishers;
import io.github.rtmpflow.server.interop.Recordings;
import io.github.rtmpflow.server.interop.TestMedia;
import io.github.rtmpflow.server.testing.CollectingSubscriber;
import io.github.rtmpflow.server.testing.TestCertificates;
import io.github.rtmpflow.server.testing.TestServers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real FFmpeg (GnuTLS) publishing over {@code rtmps://} to the RTMPS listener. */
class RtmpsFfmpegTest {

    @TempDir
    static Path certificates;
    static TestCertificates.PemPair pair;

    @TempDir
    Path recordings;

    @BeforeAll
    static void makeCertificate() {
        ExternalTool.require("ffmpeg");
        pair = TestCertificates.ec(certificates, "localhost");
    }

    @Test
    void shouldRecordEveryPacketFfmpegPublishesOverRtmps() throws Exception {
        Path source = TestMedia.h264Aac();
        CollectingSubscriber subscriber = new CollectingSubscriber();
        RtmpServer server = TestServers.builder()
                .rtmps(TlsOptions.of(TestServers.loopback(), TlsCredentials.pem(pair.certificate(), pair.key())))
                .recordDirectory(recordings)
                .onPublish(stream -> stream.subscribe(subscriber, SubscribeOptions.defaults()))
                .start();
        Path recording = recordings.resolve("live/cam1.flv");
        try {
            String url = "rtmps://127.0.0.1:" + server.rtmpsAddress().orElseThrow().getPort() + "/live/cam1";
            ExternalTool.run("ffmpeg-publish-rtmps", Publishers.BUDGET, "ffmpeg", "-hide_banner", "-nostdin", "-v",
                    "warning", "-i", source.toString(), "-c", "copy", "-tls_verify", "0", "-f", "flv", url)
                    .assertSuccess();
            List<FlvTag> received = MediaTags.media(subscriber.done().get(30, TimeUnit.SECONDS));
            MediaTags.assertSame("subscriber over rtmps", MediaTags.read(source), received);
            Recordings.awaitFinished(recording, Duration.ofSeconds(30));
        } finally {
            server.close();
        }
        FrameMd5.of(source).assertSameAs(FrameMd5.of(recording));
        assertThat(MediaTags.read(recording)).hasSameSizeAs(MediaTags.read(source));
    }
}
