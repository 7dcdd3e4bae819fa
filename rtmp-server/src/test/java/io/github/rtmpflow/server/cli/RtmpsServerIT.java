package io.github.rtmpflow.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rtmpflow.server.interop.ExternalTool;
import io.github.rtmpflow.server.interop.FrameMd5;
import io.github.rtmpflow.server.interop.Publishers;
import io.github.rtmpflow.server.interop.Recordings;
import io.github.rtmpflow.server.interop.TestMedia;
import io.github.rtmpflow.server.interop.TestPaths;
import io.github.rtmpflow.server.testing.TestCertificates;
import io.github.rtmpflow.server.testing.TlsClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The built jar's RTMPS flags: PEM and PKCS#12 listeners, and the error for an unusable key. */
class RtmpsServerIT {

    private static final Pattern LISTENING_TLS = Pattern.compile("listening on rtmps://127\\.0\\.0\\.1:(\\d+)");

    @Test
    void shouldRecordFfmpegPublishingToTheRtmpsPortOfTheJar() throws Exception {
        Path dir = TestPaths.freshDirectory("cli-rtmps", "pem");
        TestCertificates.PemPair pair = TestCertificates.ec(dir, "localhost");
        Path recordings = dir.resolve("recordings");
        Path source = TestMedia.h264Aac();
        try (ServerProcess server = ServerProcess.start("rtmps-pem", "--bind", "127.0.0.1", "--port", "0",
                "--rtmps-port", "0", "--tls-cert", pair.certificate().toString(), "--tls-key", pair.key().toString(),
                "--record-dir", recordings.toString())) {
            server.awaitListening();
            int tlsPort = tlsPort(server);
            ExternalTool.run("ffmpeg-rtmps-jar", Publishers.BUDGET, "ffmpeg", "-hide_banner", "-nostdin", "-v",
                    "warning", "-i", source.toString(), "-c", "copy", "-tls_verify", "0", "-f", "flv",
                    "rtmps://127.0.0.1:" + tlsPort + "/live/cam1").assertSuccess();
            Path recording = recordings.resolve("live/cam1.flv");
            Recordings.awaitFinished(recording, Duration.ofSeconds(30));
            assertThat(server.terminate()).isZero();
            FrameMd5.of(source).assertSameAs(FrameMd5.of(recording));
        }
    }

    @Test
    void shouldServeAPkcs12KeystoreGivenWithItsPasswordFile() throws Exception {
        Path dir = TestPaths.freshDirectory("cli-rtmps", "pkcs12");
        Path store = TestCertificates.pkcs12(dir, "jar.example", "s3cret-pass");
        Path password = Files.writeString(dir.resolve("password.txt"), "s3cret-pass\n");
        try (ServerProcess server = ServerProcess.start("rtmps-p12", "--bind", "127.0.0.1", "--port", "0",
                "--rtmps-port", "0", "--tls-keystore", store.toString(), "--tls-keystore-password-file",
                password.toString())) {
            server.awaitListening();
            assertThat(TlsClients.servedCertificate(tlsPort(server)).getSubjectX500Principal().getName())
                    .isEqualTo("CN=jar.example");
            assertThat(server.stdoutText()).doesNotContain("s3cret-pass");
            assertThat(server.stderrText()).doesNotContain("s3cret-pass");
            assertThat(server.terminate()).isZero();
        }
    }

    @Test
    void shouldExitOneNamingTheOpensslConversionForAnEncryptedKey() {
        Path dir = TestPaths.freshDirectory("cli-rtmps", "encrypted");
        TestCertificates.PemPair pair = TestCertificates.rsa(dir, "localhost");
        Path encrypted = TestCertificates.encrypted(pair.key(), dir.resolve("encrypted.pem"));
        try (ServerProcess server = ServerProcess.start("rtmps-encrypted", "--bind", "127.0.0.1", "--port", "0",
                "--rtmps-port", "0", "--tls-cert", pair.certificate().toString(), "--tls-key", encrypted.toString())) {
            assertThat(server.awaitExit()).isEqualTo(1);
            assertThat(server.stderrText()).contains("encrypted private key in " + encrypted)
                    .contains("openssl pkcs8 -topk8 -nocrypt -in " + encrypted);
            assertThat(server.stdoutText()).doesNotContain("listening on");
        }
    }

    private static int tlsPort(ServerProcess server) {
        Matcher matcher = LISTENING_TLS.matcher(server.awaitLine("listening on rtmps://"));
        assertThat(matcher.find()).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
