package io.github.rtmpflow.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.flv.FlvTag;
import io.github.rtmpflow.server.RtmpServer;
import io.github.rtmpflow.server.TlsCredentials;
import io.github.rtmpflow.server.TlsOptions;
import io.github.rtmpflow.server.client.RtmpUrl;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's {@code rtmps://} mode against rtmpflow's RTMPS listener (self-signed, made by openssl). */
class RtmpsLoadTest {

    @TempDir
    Path dir;

    @Test
    void shouldPublishOverTlsWhenTheUrlIsRtmps() throws Exception {
        Path cert = dir.resolve("cert.pem");
        Path key = dir.resolve("key.pem");
        Process openssl = new ProcessBuilder("timeout", "60", "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days",
                "2", "-subj", "/CN=localhost").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertThat(openssl.waitFor(70, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as("openssl req (apt-get install openssl)").isZero();
        AtomicLong mediaBytes = new AtomicLong();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (RtmpServer server = RtmpServer.builder()
                .bind(new InetSocketAddress(loopback, 0)).eventLoops(2)
                .rtmps(TlsOptions.of(new InetSocketAddress(loopback, 0), TlsCredentials.pem(cert, key)))
                .onPublish(stream -> stream.addListener(tag -> count(tag, mediaBytes)))
                .start()) {
            RtmpUrl url = RtmpUrl.parse("rtmps://127.0.0.1:" + server.rtmpsAddress().orElseThrow().getPort() + "/live");
            assertThat(url.tls()).isTrue();
            assertThat(url.tcUrl()).startsWith("rtmps://");

            LoadReport report = LoadGenerator.run(LoadOptions.parse("--url", url.tcUrl(), "--publishers", "2",
                    "--bitrate", "1000", "--paced", "--duration", "2"));

            assertThat(report.failures()).isEmpty();
            assertThat(report.ok()).isEqualTo(2);
            assertThat(mediaBytes.get()).isPositive();
        }
        assertThat(RtmpUrl.parse("rtmps://h/live").port()).isEqualTo(RtmpUrl.DEFAULT_TLS_PORT);
        assertThat(RtmpUrl.parse("rtmp://h/live").tls()).isFalse();
    }

    private static void count(FlvTag tag, AtomicLong bytes) {
        if (tag.isAudio() || tag.isVideo()) {
            bytes.addAndGet(tag.payload().remaining());
        }
    }
}
